using Scalar.AspNetCore;

namespace GmPki.Server.OpenApi;

/// <summary>
/// The API description (<c>docs/api.md</c>, "OpenAPI document"): the OpenAPI 3.1 document at
/// <c>/openapi/v1.json</c>, completed by <see cref="DocumentInformation"/>, <see cref="SecuritySchemes"/>, <see cref="OperationConventions"/>
/// and <see cref="SchemaExamples"/>, and the API reference page at <see cref="ReferencePath"/>
/// (Scalar, its script served from the package, nothing from a CDN).
/// </summary>
internal static class ApiDocumentation
{
    /// <summary>Path of the OpenAPI document.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Path of the API reference page.</summary>
    public const string ReferencePath = "/api/docs";

    /// <summary>Registers the document generator and its transformers.</summary>
    public static void Add(IServiceCollection services)
        => services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentInformation>();
            options.AddDocumentTransformer<SecuritySchemes>();
            options.AddOperationTransformer<OperationConventions>();
            options.AddSchemaTransformer<SchemaExamples>();
        });

    /// <summary>Maps the document and the reference page, both anonymous.</summary>
    public static void Map(WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference(ReferencePath, options =>
        {
            options.Title = "GmPki REST API";
            options.OpenApiRoutePattern = "/openapi/{documentName}.json";
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.ShowOperationId = true;
            options.DynamicBaseServerUrl = true;
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
