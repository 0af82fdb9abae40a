using System.Text.Json;
using GmPki.Core.Errors;

namespace GmPki.Server.Http;

/// <summary>Reads request bodies: JSON, turning every malformation into <c>request-invalid</c>, and raw bytes up to a limit.</summary>
internal static class Bodies
{
    /// <summary>The body's bytes, read up to <paramref name="maxBytes"/> whatever the Content-Length says (chunked bodies too).</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">Largest body accepted, in bytes.</param>
    /// <param name="what">What the body is, for the error, e.g. <c>a CMP message</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="GmPkiException"><c>request-too-large</c> (413) once more than <paramref name="maxBytes"/> arrived.</exception>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, int maxBytes, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw Errors.RequestTooLarge.With($"{what} is at most {maxBytes} bytes.");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The body as <typeparamref name="T"/>, read with <see cref="ServerJson.Requests"/> (non-nullable members present and not null) or <paramref name="options"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for another Content-Type, invalid JSON, a required member missing or null, or a missing body.
    /// The error names where the reader stopped (JSON path, line, byte), never the body's text, which may carry personal data.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, JsonSerializerOptions? options = null)
    {
        if (!request.HasJsonContentType())
        {
            throw Errors.RequestInvalid.With($"Content-Type must be application/json, not '{request.ContentType}'.");
        }

        try
        {
            return await request.ReadFromJsonAsync<T>(options ?? ServerJson.Requests, cancellationToken) ?? throw Errors.RequestInvalid.With("the body is empty.");
        }
        catch (JsonException e)
        {
            throw Errors.RequestInvalid.With($"the body is not valid JSON for this request, or a required member is missing or null (at {e.Path ?? "$"}, line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }
}
