using System.Text.Json;
using GmPki.Core.Registration;
using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Acme;

/// <summary>Which key a request must be signed with (RFC 8555 §6.2).</summary>
internal enum AcmeSigner
{
    /// <summary>An existing account's key, named by <c>kid</c>.</summary>
    Account,

    /// <summary>A key given as <c>jwk</c> (newAccount).</summary>
    Jwk,

    /// <summary>Either (revokeCert, §7.6).</summary>
    Either,
}

/// <summary>An authenticated ACME request.</summary>
/// <param name="Jws">The JWS as received.</param>
/// <param name="Payload">Its payload, or null for POST-as-GET.</param>
/// <param name="Jwk">The key that signed it.</param>
/// <param name="Account">The account (kid requests), or null.</param>
internal sealed record AcmeRequest(AcmeJws Jws, JsonElement? Payload, JsonElement Jwk, AcmeObject<AcmeAccountState>? Account)
{
    /// <summary>The account of a kid request.</summary>
    public AcmeObject<AcmeAccountState> SignedAccount => Account ?? throw new InvalidOperationException("not a kid request");

    /// <summary>A string member of the payload, or null.</summary>
    public string? Text(string name) => AcmeJson.Text(Payload, name);
}

/// <summary>
/// Reads and authenticates an ACME POST (RFC 8555 §6.2–§6.5): <c>application/jose+json</c>, a
/// flattened JWS with RS256/ES256/ES384, signed by the named account's key (<c>kid</c>) or the
/// given <c>jwk</c>, its <c>url</c> the URL requested, its nonce one this server handed out and
/// unused. The account must be valid (not deactivated) and its protocol account enabled.
/// </summary>
internal static class AcmeRequests
{
    /// <summary>Media type of ACME request bodies (§6.2).</summary>
    public const string JoseJson = "application/jose+json";

    /// <exception cref="Core.Errors.GmPkiException">
    /// <c>acme:malformed</c> (415 for another media type; a body that is not a flattened JWS; a
    /// signature that does not verify; a wrong <c>url</c>; <c>jwk</c>/<c>kid</c> not as the resource
    /// needs); <c>acme:badSignatureAlgorithm</c>; <c>acme:badNonce</c>; <c>acme:accountDoesNotExist</c>;
    /// <c>acme:unauthorized</c> (deactivated account, disabled protocol account).
    /// </exception>
    public static async Task<AcmeRequest> ReadAsync(AcmeExchange context, AcmeSigner signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.Equals(context.ContentType?.Split(';')[0].Trim(), JoseJson, StringComparison.OrdinalIgnoreCase))
        {
            throw Core.Errors.Errors.UnsupportedMediaType.With($"ACME requests are sent as {JoseJson} (RFC 8555 §6.2), not '{context.ContentType}'.");
        }

        var jws = AcmeJws.Parse(AcmeJson.Parse(context.Body, "body"));
        var (jwk, account) = await SignerAsync(context, jws, signer, cancellationToken);
        if (!AcmeJwk.Verify(jwk, jws.Algorithm, jws.SigningInput, jws.Signature))
        {
            throw AcmeErrors.Malformed.With("the JWS signature does not verify with the " + (account is null ? "jwk" : $"key of account {account.Id}") + ".");
        }

        if (jws.Url != context.Url)
        {
            throw AcmeErrors.Unauthorized.With($"the JWS url '{jws.Url}' is not the URL requested, {context.Url} (RFC 8555 §6.4).");
        }

        await context.Engine.Nonces.ConsumeAsync(jws.Nonce, cancellationToken);
        return new AcmeRequest(jws, jws.PayloadJson(), jwk, account);
    }

    /// <summary>The enabled protocol account an ACME account is bound to.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:unauthorized</c> when it is gone or disabled.</exception>
    public static async Task<ProtocolAccount> ProtocolAccountAsync(AcmeExchange context, AcmeObject<AcmeAccountState> account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(account);
        return await context.Engine.AccountStore.FindAsync(EnrollmentProtocol.Acme, account.State.ProtocolAccount, cancellationToken) is { Disabled: false } bound
            ? bound
            : throw AcmeErrors.Unauthorized.With($"the protocol account '{account.State.ProtocolAccount}' of ACME account {account.Id} is disabled or gone.");
    }

    private static async Task<(JsonElement Jwk, AcmeObject<AcmeAccountState>? Account)> SignerAsync(AcmeExchange context, AcmeJws jws, AcmeSigner signer, CancellationToken cancellationToken)
    {
        var algorithm = jws.Algorithm;
        if (algorithm is "none" || algorithm.StartsWith("HS", StringComparison.Ordinal))
        {
            throw AcmeErrors.BadSignatureAlgorithm.With($"JWS algorithm '{algorithm}' is not allowed for ACME requests (RFC 8555 §6.2); use RS256, ES256 or ES384.");
        }

        if ((jws.Jwk is null) == (jws.Kid is null))
        {
            throw AcmeErrors.Malformed.With("the protected header carries exactly one of 'jwk' and 'kid' (RFC 8555 §6.2).");
        }

        if (jws.Jwk is { } jwk)
        {
            return signer != AcmeSigner.Account ? (jwk, null)
                : throw AcmeErrors.Malformed.With("this resource is requested as an account: sign with its key and name it in 'kid', not 'jwk'.");
        }

        if (signer == AcmeSigner.Jwk)
        {
            throw AcmeErrors.Malformed.With("this resource takes the new key in 'jwk', not a 'kid'.");
        }

        var id = context.Urls.AccountIdOf(jws.Kid!) ?? throw AcmeErrors.AccountDoesNotExist.With($"kid '{jws.Kid}' is not an account URL of this server.");
        var account = await context.Engine.Objects.FindAsync<AcmeAccountState>(AcmeTable.Accounts, id, cancellationToken)
            ?? throw AcmeErrors.AccountDoesNotExist.With($"no account {id}.");
        if (account.Status != AcmeStatus.Valid)
        {
            throw AcmeErrors.Unauthorized.With($"account {id} is {account.Status}.");
        }

        await ProtocolAccountAsync(context, account, cancellationToken);
        return (account.State.Jwk, account);
    }
}
