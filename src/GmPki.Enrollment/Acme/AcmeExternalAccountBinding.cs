using System.Buffers.Text;
using System.Security.Cryptography;
using GmPki.Core.Registration;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// External account binding (RFC 8555 §7.3.4), required for every new account: a JWS with
/// <c>alg</c> HS256 (or HS384, HS512), <c>kid</c> the name of a GmPki protocol account of protocol
/// <c>acme</c>, <c>url</c> the newAccount URL, the payload the new account's JWK, MACed with the
/// protocol account's secret (base64url-decoded). So every ACME account belongs to a subscriber
/// whose identity and consent were recorded at the desk (docs/protocols.md).
/// </summary>
internal static class AcmeExternalAccountBinding
{
    /// <summary>The enabled protocol account the binding proves.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:externalAccountRequired</c> when absent; <c>acme:malformed</c> when it is not such a JWS; <c>acme:unauthorized</c> for an unknown or disabled protocol account or a MAC that does not verify.</exception>
    public static async Task<ProtocolAccount> VerifyAsync(AcmeExchange context, AcmeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (AcmeJson.Member(request.Payload, "externalAccountBinding") is not { } binding)
        {
            throw AcmeErrors.ExternalAccountRequired.With("a new account needs an external account binding: the key id and HMAC key of an acme protocol account a registrar created (gmpki protocol-account add --protocol acme).");
        }

        var jws = AcmeJws.Parse(binding);
        var hash = jws.Algorithm switch
        {
            "HS256" => HashAlgorithmName.SHA256,
            "HS384" => HashAlgorithmName.SHA384,
            "HS512" => HashAlgorithmName.SHA512,
            var other => throw AcmeErrors.Malformed.With($"the external account binding is MACed with HS256, HS384 or HS512, not '{other}'."),
        };
        if (jws.Url != request.Jws.Url || jws.Nonce is not null || jws.Kid is not { } name)
        {
            throw AcmeErrors.Malformed.With("the external account binding names the protocol account in 'kid', the newAccount URL in 'url', and has no nonce (RFC 8555 §7.3.4).");
        }

        if (jws.PayloadJson() is not { } boundKey || AcmeJwk.Thumbprint(boundKey) != AcmeJwk.Thumbprint(request.Jwk))
        {
            throw AcmeErrors.Malformed.With("the external account binding's payload is not the account key of the request.");
        }

        var revealed = await context.Engine.Accounts.RevealSecretAsync(EnrollmentProtocol.Acme, name, cancellationToken);
        return revealed is var (account, secret) && CryptographicOperations.FixedTimeEquals(CryptographicOperations.HmacData(hash, Key(secret), jws.SigningInput), jws.Signature)
            ? account
            : throw AcmeErrors.Unauthorized.With($"the external account binding does not verify: unknown or disabled acme protocol account '{name}', or a wrong HMAC key.");
    }

    private static byte[] Key(string secret)
    {
        try
        {
            return Base64Url.DecodeFromChars(secret);
        }
        catch (FormatException)
        {
            throw AcmeErrors.Unauthorized.With("the protocol account's secret is not base64url.");
        }
    }
}
