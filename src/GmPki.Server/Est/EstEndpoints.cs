using System.Text;
using GmPki.Core.Errors;
using GmPki.Enrollment.Est;

namespace GmPki.Server.Est;

/// <summary>
/// The HTTP binding of EST (RFC 7030, docs/protocols.md; the engine is <see cref="EstEngine"/>)
/// under <c>/.well-known/est/</c> and <c>/.well-known/est/{profile}/</c>: <c>cacerts</c>,
/// <c>csrattrs</c>, <c>simpleenroll</c>, <c>simplereenroll</c>, <c>serverkeygen</c>. It reads the
/// credentials (HTTP Basic, TLS client certificate) and the base64 body, and writes the answer.
/// </summary>
internal static class EstEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/.well-known/est", "/.well-known/est/{label}" })
        {
            var group = app.MapGroup(prefix).WithTags("EST").AllowAnonymous();
            group.MapGet("/cacerts", (HttpContext context, string? label, EstEngine est, CancellationToken ct)
                    => EstErrors.GuardAsync(context, async () => Write(context, await est.CaCertificatesAsync(label, ct))))
                .WithSummary("The CA certificates, certs-only PKCS#7, base64 (RFC 7030 §4.1)");
            group.MapGet("/csrattrs", (HttpContext context, string? label, EstEngine est)
                    => EstErrors.GuardAsync(context, () => Task.FromResult(Write(context, est.CsrAttributes(label)))))
                .WithSummary("The attributes the profile wants in a request (RFC 7030 §4.5)");
            group.MapPost("/simpleenroll", (HttpContext context, string? label, EstEngine est, CancellationToken ct)
                    => EstErrors.GuardAsync(context, async () => Write(context, await est.EnrollAsync(label, false, CredentialsOf(context), await ReadRequestAsync(context.Request, ct), ct))))
                .WithSummary("Enroll with HTTP Basic as an EST protocol account (RFC 7030 §4.2.1)");
            group.MapPost("/simplereenroll", (HttpContext context, string? label, EstEngine est, CancellationToken ct)
                    => EstErrors.GuardAsync(context, async () => Write(context, await est.EnrollAsync(label, true, CredentialsOf(context), await ReadRequestAsync(context.Request, ct), ct))))
                .WithSummary("Re-enroll: renew the account's certificate with the same subject (RFC 7030 §4.2.2)");
            group.MapPost("/serverkeygen", (HttpContext context, string? label, EstEngine est, CancellationToken ct)
                    => EstErrors.GuardAsync(context, async () => Write(context, await est.ServerKeyGenAsync(label, CredentialsOf(context), await ReadRequestAsync(context.Request, ct), ct))))
                .WithSummary("Enroll with a key pair the server generates, where the profile allows it (RFC 7030 §4.4)");
        }
    }

    private static EstCredentials CredentialsOf(HttpContext context)
        => new(context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, context.Connection.ClientCertificate?.RawData, context.TraceIdentifier);

    /// <summary>The DER the base64 body carries.</summary>
    /// <exception cref="GmPkiException"><c>unsupported-media-type</c> unless <c>application/pkcs10</c>; <c>request-too-large</c>; <c>request-invalid</c> for a body that is not base64.</exception>
    private static async Task<byte[]> ReadRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), EstMessages.Pkcs10, StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.UnsupportedMediaType.With($"an EST enrollment is sent as {EstMessages.Pkcs10} (base64 of the DER request), not '{request.ContentType}'.");
        }

        using var reader = new StreamReader(request.Body, Encoding.ASCII);
        var buffer = new char[EstMessages.MaxBody + 1];
        var length = await reader.ReadBlockAsync(buffer, cancellationToken);
        return length > EstMessages.MaxBody
            ? throw Errors.RequestTooLarge.With($"the request body exceeds {EstMessages.MaxBody} bytes.")
            : EstMessages.DecodeRequest(new string(buffer, 0, length));
    }

    private static IResult Write(HttpContext context, EstAnswer answer)
    {
        if (answer.Base64)
        {
            context.Response.Headers["Content-Transfer-Encoding"] = "base64";
        }

        if (answer.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return answer switch
        {
            { Status: StatusCodes.Status204NoContent } => Results.NoContent(),
            { Base64: true } => Results.Text(Encoding.ASCII.GetString(answer.Body), answer.ContentType, Encoding.ASCII, answer.Status),
            { ContentType: "text/plain" } => Results.Text(Encoding.UTF8.GetString(answer.Body), answer.ContentType, statusCode: answer.Status),
            _ => Results.Bytes(answer.Body, answer.ContentType),
        };
    }
}
