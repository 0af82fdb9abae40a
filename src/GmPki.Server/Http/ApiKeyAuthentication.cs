using System.Security.Claims;
using System.Text.Encodings.Web;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Registration.Workflow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GmPki.Server.Http;

/// <summary>
/// Authenticates operators by API key, sent as <c>Authorization: Bearer gmpki_…</c> or
/// <c>X-API-Key: gmpki_…</c>, or — when no key is sent — by the TLS client certificate bound to
/// their account (presented to Kestrel's HTTPS endpoint, or forwarded by a trusted TLS/TLCP
/// proxy, see <see cref="ClientCertificateSettings"/>); and applicants by their application's
/// access token (<c>Authorization: Bearer gmpkiapp_…</c>). Missing or unknown credentials get a
/// 401 problem document with <c>WWW-Authenticate: Bearer</c> (<c>unauthenticated</c>; a disabled
/// account <c>operator-disabled</c>, an expired key <c>operator-key-expired</c>); a role without
/// permission gets a 403; both are audited.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorAccounts operators,
    IRegistrationLedger registrations)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Name of the scheme.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>Header alternative to the bearer token.</summary>
    public const string HeaderName = "X-API-Key";

    private const string RefusalItem = "gmpki:credential-refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        try
        {
            return await AuthenticateCredentialAsync();
        }
        catch (GmPkiException refused)
        {
            Context.Items[RefusalItem] = refused;
            return AuthenticateResult.Fail(refused.Message);
        }
    }

    private async Task<AuthenticateResult> AuthenticateCredentialAsync()
    {
        var key = PresentedKey();
        if (key is null)
        {
            return Context.Connection.ClientCertificate is { } certificate
                ? OperatorTicket(await operators.AuthenticateAsync(certificate, Context.RequestAborted), "client certificate not bound to an enabled operator, or outside its validity")
                : AuthenticateResult.NoResult();
        }

        if (ApplicationDesk.ApplicationOf(key) is { } application)
        {
            return await registrations.IsAccessTokenAsync(application, ApplicationDesk.HashToken(key), Context.RequestAborted)
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, "applicant:" + application.ToString("D")), new Claim(RegistrationActors.ApplicationClaim, application.ToString("D"))],
                    SchemeName, ClaimTypes.Name, ClaimTypes.Role)), SchemeName))
                : AuthenticateResult.Fail("unknown access token");
        }

        return OperatorTicket(await operators.AuthenticateAsync(key, Context.RequestAborted), "unknown or disabled API key");
    }

    private static AuthenticateResult OperatorTicket(OperatorRecord? account, string failure)
    {
        if (account is null)
        {
            return AuthenticateResult.Fail(failure);
        }

        List<Claim> claims = [new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role.ToName())];
        if (account.Agency is not null)
        {
            claims.Add(new Claim(RegistrationActors.AgencyClaim, account.Agency));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"gmpki\"";
        if (Context.Items[RefusalItem] is GmPkiException refused)
        {
            await RequestAudit.RejectedAsync(Context, "auth.rejected", refused.Error.Code, refused.Detail);
            await HttpErrors.WriteAsync(Context, refused.Error, refused.Detail);
            return;
        }

        var reason = PresentedKey() is not null ? "unknown or disabled API key"
            : Context.Connection.ClientCertificate is { } certificate ? $"client certificate {certificate.Subject} (SHA-256 {OperatorAccounts.CertificateHash(certificate)}) is not bound to an enabled operator or is outside its validity"
            : "no API key or client certificate presented";
        await RequestAudit.RejectedAsync(Context, "auth.rejected", Errors.Unauthenticated.Code, reason);
        await HttpErrors.WriteAsync(Context, Errors.Unauthenticated, $"{reason}; send 'Authorization: Bearer <API key>'.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none";
        await RequestAudit.RejectedAsync(Context, "auth.forbidden", Errors.Forbidden.Code, $"role {role} may not {Request.Method} {Request.Path}");
        await HttpErrors.WriteAsync(Context, Errors.Forbidden, $"role '{role}' is not allowed to do this.");
    }

    private string? PresentedKey()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = Request.Headers[HeaderName].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}
