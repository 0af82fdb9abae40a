using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GmPki.Server.Http;

/// <summary>
/// The REST API's JSON: web defaults (camelCase, case-insensitive reading; RFC 8259) with enums as
/// kebab-case strings. Request bodies are read more strictly than answers are written: a member
/// the contract declares non-nullable may be neither null nor missing, so <c>{}</c> is refused as
/// <c>request-invalid</c> instead of reaching the desks with nulls, and a list whose elements are
/// declared non-nullable may not hold a null (<see cref="NonNullElements"/>).
/// </summary>
internal static class ServerJson
{
    /// <summary>The options request bodies are read with.</summary>
    public static JsonSerializerOptions Requests { get; } = Strict();

    /// <summary>Adds the API's converters to <paramref name="options"/> (answers and requests alike).</summary>
    public static void Configure(JsonSerializerOptions options) => options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));

    private static JsonSerializerOptions Strict()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NonNullElements.Require } },
        };
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
