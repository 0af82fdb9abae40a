using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Registration.Protocols;

namespace GmPki.Enrollment.Est;

/// <summary>
/// Who an EST request comes from: HTTP Basic (account name, secret), or without Basic a TLS client
/// certificate this CA issued through an EST enrollment of the account (RFC 7030 §3.3.2: a
/// certificate previously issued by the CA, directly or forwarded by a trusted TLCP proxy).
/// </summary>
internal sealed class EstAuthentication(ProtocolAccounts accounts)
{
    /// <summary>
    /// The authenticated account and, for a client certificate, its serial (<c>Presented</c>): the
    /// certificate being renewed for simplereenroll, the credential of a further certificate for simpleenroll.
    /// </summary>
    /// <exception cref="GmPkiException"><c>unauthenticated</c> for a missing, malformed or wrong credential, a disabled account, or a certificate that is not a good one this CA issued through an EST enrollment.</exception>
    public async Task<(ProtocolAccount Account, string? Presented)> AuthenticateAsync(EstCredentials credentials, CancellationToken cancellationToken)
    {
        var header = credentials.Authorization ?? string.Empty;
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (credentials.ClientCertificate is { } certificate)
            {
                return await accounts.AuthenticateByCertificateAsync(EnrollmentProtocol.Est, certificate, cancellationToken) is { } bound
                    ? (bound.Account, bound.Serial)
                    : throw Errors.Unauthenticated.With($"the client certificate {SubjectOf(certificate)} is not a good certificate this CA issued through an EST enrollment.");
            }

            throw Errors.Unauthenticated.With("EST enrollment needs HTTP Basic authentication with an EST protocol account, or a TLS client certificate this CA issued through an EST enrollment of the account.");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            throw Errors.Unauthenticated.With("the Basic credentials are not base64.");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var account = colon > 0 ? await accounts.AuthenticateAsync(EnrollmentProtocol.Est, decoded[..colon], decoded[(colon + 1)..], cancellationToken) : null;
        return account is not null ? (account, null)
            : throw Errors.Unauthenticated.With($"unknown or disabled EST account, or wrong secret{(colon > 0 ? $" (account '{decoded[..colon]}')" : string.Empty)}.");
    }

    private static string SubjectOf(byte[] certificate)
    {
        using var parsed = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate);
        return parsed.Subject;
    }
}
