using System.Text.Json;
using GmPki.Core.Errors;

namespace GmPki.Server.Http;

/// <summary>Reads JSON request bodies, turning every malformation into <c>request-invalid</c>.</summary>
internal static class Bodies
{
    /// <summary>The body as <typeparamref name="T"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for another Content-Type, invalid JSON or a missing body.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
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
            throw Errors.RequestInvalid.With("the body is not valid JSON for this request: " + e.Message);
        }
    }
}
