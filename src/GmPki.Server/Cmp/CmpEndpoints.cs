using GmPki.Core.Errors;
using GmPki.Core.Profiles;
using GmPki.Registration.Protocols;
using GmPki.Server.Http;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;

namespace GmPki.Server.Cmp;

/// <summary>
/// The Certificate Management Protocol (RFC 4210, RFC 9480; docs/protocols.md) over HTTP
/// (RFC 6712): <c>POST /cmp</c> and <c>POST /cmp/{profile}</c> with a DER PKIMessage as
/// <c>application/pkixcmp</c>, answered with a PKIMessage (HTTP 200, also for error messages).
/// A request authenticates a <c>cmp</c> protocol account (<see cref="CmpProtection"/>); every
/// refusal is an error message and is audited as <c>cmp.request-rejected</c>. A body that is
/// not <c>application/pkixcmp</c> gets HTTP 415 and one over 64 KiB HTTP 413, with a text line.
/// </summary>
internal static class CmpEndpoints
{
    /// <summary>The media type of CMP messages over HTTP (RFC 6712 §3.4).</summary>
    public const string MediaType = "application/pkixcmp";

    /// <summary>Largest request: 64 KiB of DER.</summary>
    public const int MaxBody = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { "/cmp", "/cmp/{label}" })
        {
            app.MapPost(path, HandleAsync).WithTags("CMP").AllowAnonymous()
                .WithSummary("A CMP request (ir, cr, p10cr, kur, rr, certConf, genm) as application/pkixcmp (RFC 4210, RFC 6712)");
        }
    }

    private static async Task<IResult> HandleAsync(HttpContext context, string? label, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        PkiMessage? request = null;
        CmpSender? sender = null;
        PkiBody answer;
        try
        {
            request = Parse(await ReadAsync(context.Request, cancellationToken));
            if (label is not null && !services.GetRequiredService<IReadOnlyDictionary<string, CertificateProfile>>().ContainsKey(label))
            {
                throw Errors.ProfileUnknown.With($"no profile '{label}' (the CMP path label is a profile name).");
            }

            sender = await CmpProtection.AuthenticateAsync(request, services.GetRequiredService<ProtocolAccounts>(), cancellationToken);
            if (label is not null && label != sender.Account.Profile)
            {
                throw Errors.Forbidden.With($"cmp account '{sender.Account.Name}' enrolls for profile '{sender.Account.Profile}', not '{label}'.");
            }

            answer = await CmpOperations.AnswerAsync(request, sender, context, cancellationToken);
        }
        catch (GmPkiException e)
        {
            if (!e.Audited)
            {
                var what = request is null ? "unparsed request" : $"body type {request.Body.Type}" + (sender is null ? string.Empty : $" from cmp account '{sender.Account.Name}'");
                await RequestAudit.RejectedAsync(context, "cmp.request-rejected", e.Error.Code, $"{what}: {e.Detail}");
            }

            if (e.Error.Kind is ErrorKind.UnsupportedMediaType or ErrorKind.TooLarge)
            {
                return Results.Text($"{e.Error.Title} [{e.Error.Code}]: {e.Detail}\n", "text/plain", statusCode: HttpErrors.StatusOf(e.Error.Kind));
            }

            answer = CmpErrors.Body(e, request is null);
        }

        var response = await CmpResponses.BuildAsync(services.GetRequiredService<CmpAuthority>(), request?.Header, sender, answer,
            services.GetRequiredService<TimeProvider>(), CancellationToken.None);
        return Results.Bytes(response.GetDerEncoded(), MediaType);
    }

    /// <summary>The DER body.</summary>
    /// <exception cref="GmPkiException"><c>unsupported-media-type</c> unless <c>application/pkixcmp</c>; <c>request-too-large</c>.</exception>
    private static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.UnsupportedMediaType.With($"a CMP message is sent as {MediaType} (RFC 6712 §3.4), not '{request.ContentType}'.");
        }

        return await Bodies.ReadBytesAsync(request, MaxBody, "a CMP message", cancellationToken);
    }

    /// <summary>The PKIMessage <paramref name="der"/> holds.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when it is not one DER PKIMessage.</exception>
    private static PkiMessage Parse(byte[] der)
    {
        try
        {
            return PkiMessage.GetInstance(Asn1Object.FromByteArray(der));
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or Asn1ParsingException)
        {
            throw Errors.RequestInvalid.With("the body is not a DER PKIMessage (RFC 4210 §5.1).");
        }
    }
}
