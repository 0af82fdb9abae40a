using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Issuance.Formats;
using GmPki.Registration.Protocols;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Est;

/// <summary>
/// Enrollment over Secure Transport (RFC 7030, docs/protocols.md) under <c>/.well-known/est/</c>
/// and <c>/.well-known/est/{profile}/</c>: <c>cacerts</c>, <c>simpleenroll</c>,
/// <c>simplereenroll</c>, <c>csrattrs</c>. An enrollment authenticates an EST protocol account
/// with HTTP Basic, or with a TLS client certificate the account enrolled, and becomes a registration application (<see cref="ProtocolEnrollment"/>); under
/// the profile's two-person rule it answers <c>202</c> with <c>Retry-After</c> until a reviewer
/// approves, and the client repeats the same request.
/// </summary>
internal static class EstEndpoints
{
    /// <summary>Seconds a client waits before asking again for a request awaiting a reviewer (RFC 7030 §4.2.3).</summary>
    public const int RetryAfterSeconds = 60;

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/.well-known/est", "/.well-known/est/{label}" })
        {
            var group = app.MapGroup(prefix).WithTags("EST").AllowAnonymous();
            group.MapGet("/cacerts", CaCertificatesAsync).WithSummary("The CA certificates, certs-only PKCS#7, base64 (RFC 7030 §4.1)");
            group.MapGet("/csrattrs", CsrAttributesAsync).WithSummary("The attributes the profile wants in a request (RFC 7030 §4.5)");
            group.MapPost("/simpleenroll", (HttpContext context, string? label, CancellationToken ct) => EnrollAsync(context, label, reenroll: false, ct))
                .WithSummary("Enroll with HTTP Basic as an EST protocol account (RFC 7030 §4.2.1)");
            group.MapPost("/simplereenroll", (HttpContext context, string? label, CancellationToken ct) => EnrollAsync(context, label, reenroll: true, ct))
                .WithSummary("Re-enroll: renew the account's certificate with the same subject (RFC 7030 §4.2.2)");
            group.MapPost("/serverkeygen", ServerKeyGenAsync)
                .WithSummary("Enroll with a key pair the server generates, where the profile allows it (RFC 7030 §4.4)");
        }
    }

    private static Task<IResult> CaCertificatesAsync(HttpContext context, string? label, AuthorityDirectory authorities, CancellationToken cancellationToken)
        => EstErrors.GuardAsync(context, async () =>
        {
            ProfileOf(context, label);
            return EstMessages.Base64(context, CertificateEncodings.ToPkcs7(await authorities.ChainAsync(cancellationToken)), EstMessages.CertsOnly);
        });

    private static Task<IResult> CsrAttributesAsync(HttpContext context, string? label)
        => EstErrors.GuardAsync(context, () => Task.FromResult(label is null
            ? Results.NoContent()
            : EstMessages.Base64(context, EstCsrAttributes.For(ProfileOf(context, label)!.KeyAlgorithms), EstMessages.CsrAttrs)));

    private static Task<IResult> EnrollAsync(HttpContext context, string? label, bool reenroll, CancellationToken cancellationToken)
        => EstErrors.GuardAsync(context, async () =>
        {
            var services = context.RequestServices;
            var (account, presented) = await AccountForAsync(context, label, cancellationToken);

            var request = await EstMessages.ReadRequestAsync(context.Request, cancellationToken);
            var enrollment = services.GetRequiredService<ProtocolEnrollment>();
            var client = Registration.Workflow.RegistrationActor.ProtocolClient(account, null, context.TraceIdentifier);
            var application = await services.GetRequiredService<IRegistrationLedger>().FindPendingApplicationAsync(client.Name, request, cancellationToken) is { } pending
                ? await enrollment.ResumeAsync(pending, account, context.TraceIdentifier, cancellationToken)
                : await enrollment.EnrollAsync(account, presented is null ? "http-basic" : "tls-client-certificate", request,
                    reenroll ? await RenewedSerialAsync(services, account, request, presented, cancellationToken) : null, context.TraceIdentifier, cancellationToken);
            return await AnswerAsync(context, application, cancellationToken);
        });

    /// <summary>
    /// serverkeygen: authenticated like simpleenroll; the account's profile must allow server key
    /// generation and have no two-person rule (the generated key cannot wait for a reviewer).
    /// </summary>
    private static Task<IResult> ServerKeyGenAsync(HttpContext context, string? label, CancellationToken cancellationToken)
        => EstErrors.GuardAsync(context, async () =>
        {
            var services = context.RequestServices;
            var (account, presented) = await AccountForAsync(context, label, cancellationToken);

            var profile = ProfileOf(context, account.Profile)!;
            if (!profile.ServerKeyGeneration || profile.TwoPersonRule)
            {
                throw Errors.Forbidden.With(profile.TwoPersonRule
                    ? $"profile '{profile.Name}' needs a reviewer's approval, and a generated private key cannot wait for it: use simpleenroll with your own key."
                    : $"profile '{profile.Name}' does not allow server key generation (ServerKeyGeneration): use simpleenroll with your own key.");
            }

            var clientRequest = await EstMessages.ReadRequestAsync(context.Request, cancellationToken);
            var (key, pkcs8) = EstServerKeyGeneration.Generate(profile);
            try
            {
                var application = await services.GetRequiredService<ProtocolEnrollment>().EnrollAsync(account, presented is null ? "http-basic" : "tls-client-certificate",
                    EstServerKeyGeneration.RequestFor(clientRequest, key), null, context.TraceIdentifier, cancellationToken);
                if (application.State != ApplicationState.Completed)
                {
                    return await AnswerAsync(context, application, cancellationToken);
                }

                var issued = await services.GetRequiredService<ICertificateDirectory>().FindAsync(application.ResultSerial!, cancellationToken);
                return EstServerKeyGeneration.Answer(pkcs8, CertificateEncodings.ToPkcs7([issued!.CertificateDer!]));
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(pkcs8);
            }
        });

    private static async Task<IResult> AnswerAsync(HttpContext context, CertificateApplication application, CancellationToken cancellationToken)
    {
        if (application.State is ApplicationState.AwaitingApproval or ApplicationState.Approved)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text($"application {application.Id} awaits a reviewer (two-person rule); repeat this request after {RetryAfterSeconds} s.\n", "text/plain", statusCode: StatusCodes.Status202Accepted);
        }

        if (application.State == ApplicationState.Rejected)
        {
            var failed = application.Steps.Last(s => !s.Passed);
            throw Errors.RequestInvalid.With($"application {application.Id} was rejected at {KebabNames.Of(failed.Step)}: {failed.Details}");
        }

        var issued = await context.RequestServices.GetRequiredService<ICertificateDirectory>().FindAsync(application.ResultSerial!, cancellationToken);
        return EstMessages.Base64(context, CertificateEncodings.ToPkcs7([issued!.CertificateDer!]), EstMessages.CertsOnly);
    }

    /// <summary>The authenticated account (<see cref="AuthenticateAsync"/>), which must enroll for the label's profile when the path has one.</summary>
    /// <exception cref="GmPkiException"><c>profile-unknown</c>; <c>unauthenticated</c>; <c>forbidden</c> for another profile's label.</exception>
    private static async Task<(ProtocolAccount Account, string? Presented)> AccountForAsync(HttpContext context, string? label, CancellationToken cancellationToken)
    {
        ProfileOf(context, label);
        var (account, presented) = await AuthenticateAsync(context, cancellationToken);
        return label is null || label == account.Profile ? (account, presented)
            : throw Errors.Forbidden.With($"EST account '{account.Name}' enrolls for profile '{account.Profile}', not '{label}'.");
    }

    /// <summary>
    /// The account the request authenticates: HTTP Basic (account name, secret), or without Basic
    /// a TLS client certificate this CA issued through an EST enrollment of the account (RFC 7030
    /// §3.3.2: a certificate previously issued by the CA, directly or forwarded by a trusted TLCP
    /// proxy), returned as <c>Presented</c>: the certificate being renewed for simplereenroll, the
    /// credential of a further certificate for simpleenroll.
    /// </summary>
    /// <exception cref="GmPkiException"><c>unauthenticated</c> for a missing, malformed or wrong credential, a disabled account, or a certificate that is not a good one this CA issued through an EST enrollment.</exception>
    private static async Task<(ProtocolAccount Account, string? Presented)> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var accounts = context.RequestServices.GetRequiredService<ProtocolAccounts>();
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (context.Connection.ClientCertificate is { } certificate)
            {
                return await accounts.AuthenticateByCertificateAsync(EnrollmentProtocol.Est, certificate.RawData, cancellationToken) is { } bound
                    ? (bound.Account, bound.Serial)
                    : throw Errors.Unauthenticated.With($"the client certificate {certificate.Subject} is not a good certificate this CA issued through an EST enrollment.");
            }

            throw Errors.Unauthenticated.With("EST enrollment needs HTTP Basic authentication with an EST protocol account, or a TLS client certificate this CA issued through an EST enrollment of the account.");
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            throw Errors.Unauthenticated.With("the Basic credentials are not base64.");
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        var account = colon > 0 ? await accounts.AuthenticateAsync(EnrollmentProtocol.Est, credentials[..colon], credentials[(colon + 1)..], cancellationToken) : null;
        return account is not null ? (account, null)
            : throw Errors.Unauthenticated.With($"unknown or disabled EST account, or wrong secret{(colon > 0 ? $" (account '{credentials[..colon]}')" : string.Empty)}.");
    }

    /// <summary>The profile a label names (null without a label).</summary>
    /// <exception cref="GmPkiException"><c>profile-unknown</c>.</exception>
    private static CertificateProfile? ProfileOf(HttpContext context, string? label)
        => label is null ? null
            : context.RequestServices.GetRequiredService<IReadOnlyDictionary<string, CertificateProfile>>().GetValueOrDefault(label)
                ?? throw Errors.ProfileUnknown.With($"no profile '{label}' (the EST label is a profile name).");

    /// <summary>
    /// The certificate a re-enrollment renews (RFC 7030 §4.2.2: same subject): the one presented in
    /// TLS, or else the newest issued, unrevoked certificate of the account's subscriber and profile
    /// whose subject is the request's.
    /// </summary>
    /// <exception cref="GmPkiException"><c>csr-malformed</c>; <c>request-invalid</c> when the request's subject is not the presented certificate's; <c>certificate-not-found</c> when there is none.</exception>
    private static async Task<string> RenewedSerialAsync(IServiceProvider services, ProtocolAccount account, byte[] request, string? presented, CancellationToken cancellationToken)
    {
        var subject = EstMessages.RequestInfoOf(request, "re-enrollment").Subject;

        var certificates = services.GetRequiredService<ICertificateDirectory>();
        if (presented is not null)
        {
            var current = X509CertificateStructure.GetInstance((await certificates.FindAsync(presented, cancellationToken))!.CertificateDer);
            return current.Subject.Equivalent(subject) ? presented
                : throw Errors.RequestInvalid.With($"a re-enrollment keeps the subject of the certificate being renewed ({current.Subject}), not {subject} (RFC 7030 §4.2.2).");
        }

        foreach (var serial in (await services.GetRequiredService<IRegistrationLedger>().ListCertificatesOfSubscriberAsync(account.SubscriberId, cancellationToken)).Reverse())
        {
            if (await certificates.FindAsync(serial, cancellationToken) is { State: CertificateState.Issued, CertificateDer: { } der, Status: not CertificateStatus.Revoked } record
                && record.Reservation.Profile == account.Profile
                && X509CertificateStructure.GetInstance(der).Subject.Equivalent(subject))
            {
                return serial;
            }
        }

        throw Errors.CertificateNotFound.With($"account '{account.Name}' has no unrevoked {account.Profile} certificate with subject {subject} to re-enroll; use simpleenroll.");
    }
}
