using System.Globalization;
using GmPki.Server.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GmPki.Server.OpenApi;

/// <summary>
/// What every operation gets from its endpoint's metadata rather than from repeated lines: its
/// security requirement (from the authorization policies, see <see cref="Policies"/>), the 401
/// and 403 problem answers of authenticated operations, the path parameters handlers read
/// themselves, and for the protocol bindings mapped
/// elsewhere their operationId, description and media types (<see cref="ProtocolOperations"/>).
/// An operation without an explicit operationId gets one from its method and path.
/// </summary>
internal sealed class OperationConventions : IOpenApiOperationTransformer
{
    /// <summary>Name of the RFC 9457 problem document schema in <c>components/schemas</c>.</summary>
    public const string ProblemSchema = "ProblemDetails";

    private static readonly string[] Operator = [SecuritySchemes.ApiKey, SecuritySchemes.ApiKeyHeader, SecuritySchemes.ClientCertificate];

    /// <inheritdoc/>
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var path = "/" + description.RelativePath;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var protocol = ProtocolOperations.Find(method, path);
        if (protocol is not null)
        {
            await protocol.ApplyAsync(operation, context, cancellationToken);
        }

        operation.OperationId ??= DerivedId(method, path);
        DeclarePathParameters(operation, path);
        var schemes = protocol?.Schemes ?? Schemes(metadata);
        operation.Security = [.. schemes.Select(alternative => Requirement(alternative, context.Document))];
        if (Authenticated(metadata))
        {
            AddProblem(operation, StatusCodes.Status401Unauthorized, context.Document);
            AddProblem(operation, StatusCodes.Status403Forbidden, context.Document);
        }
    }

    /// <summary>
    /// The alternatives of credentials an endpoint accepts: none for anonymous ones (an empty
    /// list), an operator's for policy-protected ones, and also the applicant's access token where
    /// every policy is <see cref="Policies.Participant"/>. <see cref="OptionalOperator"/> endpoints
    /// accept an operator's credentials or none.
    /// </summary>
    private static string[][] Schemes(IList<object> metadata)
    {
        if (metadata.OfType<OptionalOperator>().Any())
        {
            return [.. Operator.Select(s => new[] { s }), []];
        }

        if (!Authenticated(metadata))
        {
            return [];
        }

        var applicant = metadata.OfType<IAuthorizeData>().All(a => a.Policy == Policies.Participant);
        return [.. Operator.Select(s => new[] { s }), .. applicant ? [[SecuritySchemes.AccessToken]] : Array.Empty<string[]>()];
    }

    /// <summary>Declares, as strings, the path's parameters the handler reads from the route itself rather than by binding (ACME's <c>{id}</c>, OCSP's <c>{request}</c>).</summary>
    private static void DeclarePathParameters(OpenApiOperation operation, string path)
    {
        operation.Parameters ??= [];
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(path, "\\{\\**([^}:?]+)").Select(m => m.Groups[1].Value))
        {
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            }
        }
    }

    private static bool Authenticated(IList<object> metadata)
        => metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    private static OpenApiSecurityRequirement Requirement(string[] schemes, OpenApiDocument? document)
    {
        var requirement = new OpenApiSecurityRequirement();
        foreach (var scheme in schemes)
        {
            requirement[new OpenApiSecuritySchemeReference(scheme, document)] = [];
        }

        return requirement;
    }

    /// <summary>Adds an <c>application/problem+json</c> answer with <paramref name="status"/> unless the operation declares one.</summary>
    public static void AddProblem(OpenApiOperation operation, int status, OpenApiDocument? document)
    {
        operation.Responses ??= [];
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) } },
        };
    }

    /// <summary>
    /// camelCase of the method and the path's segments, parameters as <c>By{Name}</c>:
    /// <c>POST /.well-known/est/{label}/simpleenroll</c> is <c>postWellKnownEstByLabelSimpleenroll</c>.
    /// </summary>
    public static string DerivedId(string method, string path)
    {
        var words = path.Split(['/', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.StartsWith('{') ? "By" + Capital(w.Trim('{', '}', '*').Split(':')[0]) : Capital(w));
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>Marks an anonymous endpoint that also accepts (and acts on) an operator's credentials.</summary>
    public sealed class OptionalOperator;
}
