using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GmPki.Server.OpenApi;

/// <summary>
/// The metadata every REST operation of the OpenAPI document carries (<c>docs/api.md</c>, "OpenAPI
/// document"): a stable camelCase <c>operationId</c> (clients are generated with it, so it never
/// changes once published), an English summary, a description in Chinese (zh-CN) with the English
/// beside, the JSON request body it reads and its RFC 9457 problem answers.
/// </summary>
internal static class OperationMetadata
{
    /// <summary>Names and describes an operation.</summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="operationId">camelCase, verb first, e.g. <c>createCounterApplication</c>; unique in the document.</param>
    /// <param name="summary">One English line.</param>
    /// <param name="description">zh-CN first; English may follow.</param>
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder builder, string operationId, string summary, string description)
        => builder.WithName(operationId).WithSummary(summary).WithDescription(description);

    /// <summary>
    /// Declares the RFC 9457 problem answers (<c>application/problem+json</c>, schema
    /// <c>ProblemDetails</c> with <c>code</c> and <c>requestId</c>) the operation can give.
    /// 401 and 403 of authenticated operations (<see cref="OperationConventions"/>), and 400 and 413
    /// of operations with a body (<see cref="JsonBody{T}"/>, <see cref="BinaryBody(RouteHandlerBuilder, string[])"/>), need not be listed.
    /// </summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="statuses">HTTP statuses, e.g. 404, 409.</param>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>
    /// Documents a required JSON request body of <typeparamref name="T"/>. Unlike <c>Accepts&lt;T&gt;</c>
    /// this adds no content-type matching to routing, which would answer another media type with a
    /// bare 415: the handlers read bodies with <c>Bodies.ReadAsync</c>, whose refusal is a
    /// <c>request-invalid</c> problem document.
    /// </summary>
    public static RouteHandlerBuilder JsonBody<T>(this RouteHandlerBuilder builder)
        => builder.Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge)
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = await JsonBodyAsync(typeof(T), context, cancellationToken));

    /// <summary>A required JSON request body of <paramref name="type"/>, its schema in <c>components/schemas</c> under the type's name.</summary>
    public static async Task<OpenApiRequestBody> JsonBodyAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        => new()
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await ComponentAsync(type, context, cancellationToken) } },
        };

    /// <summary>
    /// A reference to the component schema of <paramref name="type"/>, registered with the
    /// schemas of its record-typed properties (and list items) as components of their own, so
    /// that a body type shared by several bodies (e.g. <c>EvidenceBody</c>) is one schema.
    /// </summary>
    private static async Task<IOpenApiSchema> ComponentAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            foreach (var property in type.GetProperties())
            {
                var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var item = propertyType.IsGenericType && propertyType.GetGenericArguments() is [var single] && propertyType.IsAssignableTo(typeof(System.Collections.IEnumerable)) ? single : null;
                if (schema.Properties?.TryGetValue(name, out var inline) != true || inline is not OpenApiSchema propertySchema)
                {
                    continue;
                }

                if (IsRecord(propertyType))
                {
                    schema.Properties[name] = await ComponentAsync(propertyType, context, cancellationToken);
                }
                else if (item is not null && IsRecord(item))
                {
                    propertySchema.Items = await ComponentAsync(item, context, cancellationToken);
                }
            }

            document.AddComponent(type.Name, schema);
        }

        return new OpenApiSchemaReference(type.Name, document);
    }

    private static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("GmPki", StringComparison.Ordinal) == true;

    /// <summary>Documents a required binary (DER or base64) request body of the given media types, for the same reason as <see cref="JsonBody{T}"/>.</summary>
    public static RouteHandlerBuilder BinaryBody(this RouteHandlerBuilder builder, params string[] mediaTypes)
        => builder.Problems(StatusCodes.Status413PayloadTooLarge).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = BinaryBody(mediaTypes);
            return Task.CompletedTask;
        });

    /// <summary>A required request body of binary content in each of <paramref name="mediaTypes"/>.</summary>
    public static OpenApiRequestBody BinaryBody(IEnumerable<string> mediaTypes)
    {
        var body = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>() };
        foreach (var type in mediaTypes)
        {
            body.Content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        }

        return body;
    }
}
