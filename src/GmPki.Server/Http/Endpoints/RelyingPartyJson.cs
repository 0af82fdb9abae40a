using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Server.OpenApi;
using GmPki.Verification.Encoding;
using GmPki.Verification.Paths;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// Shared plumbing of the relying-party endpoints (anonymous, JSON in and out): reading a JSON
/// body with audited problem details for a wrong media type or bad JSON (rather than the
/// framework's own 415/400), decoding PEM/base64 fields, and documenting the body in OpenAPI.
/// </summary>
internal static class RelyingPartyJson
{
    /// <summary>Largest request body of a relying-party JSON endpoint: 1 MiB (Kestrel's limit too).</summary>
    public const long MaxBody = 1024 * 1024;

    /// <summary>Reads the body as <typeparamref name="T"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for another media type, bad JSON or an empty body.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw Errors.RequestInvalid.With($"Content-Type must be application/json, not '{request.ContentType}'.");
        }

        try
        {
            return await request.ReadFromJsonAsync<T>(cancellationToken) ?? throw Errors.RequestInvalid.With("the body is empty.");
        }
        catch (JsonException e)
        {
            throw Errors.RequestInvalid.With("the body is not valid JSON for this endpoint: " + e.Message);
        }
    }

    /// <summary>Decodes a PEM or base64 DER field.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> naming the field.</exception>
    public static IReadOnlyList<byte[]> Decode(string? value, string label, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Errors.RequestInvalid.With($"'{field}' is missing.");
        }

        try
        {
            return PkixEncoding.Decode(value, label);
        }
        catch (FormatException e)
        {
            throw Errors.RequestInvalid.With($"'{field}': {e.Message}");
        }
    }

    /// <summary>Decodes every entry of a list field.</summary>
    public static List<byte[]> DecodeAll(IEnumerable<string>? values, string label, string field)
        => [.. (values ?? []).SelectMany((v, i) => Decode(v, label, $"{field}[{i}]"))];

    /// <summary>Decodes a base64 field.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> naming the field.</exception>
    public static byte[] Base64(string? value, string field)
    {
        try
        {
            return Convert.FromBase64String(value ?? throw Errors.RequestInvalid.With($"'{field}' is missing."));
        }
        catch (FormatException)
        {
            throw Errors.RequestInvalid.With($"'{field}' is not base64.");
        }
    }

    /// <summary>Parses an option name (<see cref="OptionNames"/>).</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> naming the field and the allowed values.</exception>
    public static T Option<T>(string text, string field)
        where T : struct, Enum
        => OptionNames.TryParse<T>(text, out var value) ? value : throw Errors.RequestInvalid.With($"'{field}' must be one of {OptionNames.List<T>()}, not '{text}'.");

    /// <summary>Documents a JSON request body of <typeparamref name="T"/> without making routing refuse other media types itself.</summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder)
        => builder.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBody)).JsonBody<T>();
}
