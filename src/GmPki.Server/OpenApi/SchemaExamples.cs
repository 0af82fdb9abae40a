using System.Text.Json.Nodes;
using GmPki.Server.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GmPki.Server.OpenApi;

/// <summary>
/// Examples of the schemas a client meets first (the counter flow, applications, certificates,
/// problem documents), and the members every GmPki problem document adds to RFC 9457's:
/// <c>code</c> (kebab-case, <c>docs/errors.md</c>) and <c>requestId</c> (also in <c>X-Request-Id</c>).
/// </summary>
internal sealed class SchemaExamples : IOpenApiSchemaTransformer
{
    private const string Subscriber = """{"type":"individual","name":"张三","identityDocument":"resident-identity-card","identityNumber":"11010519491231002X","region":"110105"}""";
    private const string Application = """
        {"id":"3f2b8c1e-5d4a-4b7e-9c61-2a0e8f7d9b10","kind":"new","state":"completed","version":9,"subscriberId":"0c7e9a52-1b3d-4f6a-8e2c-5d9f1a3b7c40",
         "profile":"personal","targetSerial":null,"twoPersonRule":false,"reason":null,"resultSerial":"5a1f0c9e3b7d2e4f","nextStep":null,"createdBy":"registrar",
         "agency":null,"createdAt":"2026-12-01T02:30:00Z","updatedAt":"2026-12-01T02:31:10Z","steps":[],"dual":false}
        """;

    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(ProblemDetails)] = """
            {"type":"https://gmpki.example/errors/request-invalid","title":"Request invalid","status":400,"detail":"'csr' is not a PEM or base64 PKCS#10 request.",
             "code":"request-invalid","requestId":"0HN8R3K1Q2J4M:00000001"}
            """,
        [typeof(SubscriberBody)] = Subscriber,
        [typeof(EvidenceBody)] = """{"name":"identity.pdf","mediaType":"application/pdf","content":"JVBERi0xLjQK"}""",
        [typeof(CounterBody)] = $$"""
            {"kind":"new","identityMethod":"in-person","materials":{"application-form":true,"identity-document-copy":true},"willStatement":"本人申请数字证书，用于电子政务。",
             "subscriber":{{Subscriber}},"profile":"personal","csr":"-----BEGIN CERTIFICATE REQUEST-----\nMIIBLjCB1AIBADBF…\n-----END CERTIFICATE REQUEST-----\n",
             "identityEvidence":[{"name":"identity.pdf","mediaType":"application/pdf","content":"JVBERi0xLjQK"}],
             "paperForms":[{"name":"forms.pdf","mediaType":"application/pdf","content":"JVBERi0xLjQK"}]}
            """,
        [typeof(ApplicationView)] = Application,
        [typeof(CounterResultView)] = $$"""
            {"application":{{Application}},"certificate":"-----BEGIN CERTIFICATE-----\nMIICATCCAaagAwIBAgII…\n-----END CERTIFICATE-----\n",
             "chain":"-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n","pair":null}
            """,
        [typeof(OpenedApplicationView)] = $$"""{"application":{{Application}},"accessToken":"gmpkiapp_3f2b8c1e5d4a4b7e9c612a0e8f7d9b10_…"}""",
        [typeof(HealthResponse)] = """{"status":"ok","database":"ok","issuer":"ready"}""",
    };

    /// <inheritdoc/>
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is null && Examples.TryGetValue(type, out var example))
        {
            schema.Examples = [JsonNode.Parse(example)!];
        }

        if (type == typeof(ProblemDetails) && context.JsonPropertyInfo is null)
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The error's kebab-case code (docs/errors.md), e.g. request-invalid." };
            schema.Properties["requestId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's id, also sent in X-Request-Id." };
        }

        return Task.CompletedTask;
    }
}
