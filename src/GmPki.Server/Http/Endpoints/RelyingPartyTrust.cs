using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;
using GmPki.Verification.Encoding;
using GmPki.Verification.Paths;
using GmPki.Verification.Signatures;

namespace GmPki.Server.Http.Endpoints;

/// <summary>The trust inputs shared by the relying-party request bodies (docs/relying-party.md).</summary>
internal interface ITrustInputs
{
    /// <summary>Trusted certificates, PEM or base64 DER; this installation's roots when empty.</summary>
    List<string>? TrustAnchors { get; }

    /// <summary>Untrusted intermediates; this installation's CA chain is always added.</summary>
    List<string>? Intermediates { get; }

    /// <summary>CRLs, PEM or base64 DER.</summary>
    List<string>? Crls { get; }

    /// <summary>DER OCSP responses, base64.</summary>
    List<string>? OcspResponses { get; }

    /// <summary>none, leaf or chain; chain when CRLs or OCSP responses are sent, else none.</summary>
    string? Revocation { get; }

    /// <summary>Validation time; now when absent.</summary>
    DateTimeOffset? ValidationTime { get; }

    /// <summary>SM2 signer ID (text); the GM/T 0009 default when absent.</summary>
    string? Sm2UserId { get; }
}

/// <summary>Turns <see cref="ITrustInputs"/> into <see cref="TrustSettings"/>, with the installation's CAs as defaults.</summary>
internal static class RelyingPartyTrust
{
    /// <summary>Decodes and completes the trust inputs.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for undecodable fields or unknown option names.</exception>
    public static async Task<TrustSettings> ResolveAsync(ITrustInputs inputs, AuthorityDirectory authorities, CancellationToken cancellationToken)
    {
        var own = await authorities.ListAsync(cancellationToken);
        var anchors = RelyingPartyJson.DecodeAll(inputs.TrustAnchors, PkixEncoding.Certificate, "trustAnchors");
        if (anchors.Count == 0)
        {
            anchors.AddRange(own.Where(a => a.Kind == AuthorityKind.Root).Select(a => a.CertificateDer));
        }

        var revocation = inputs.Revocation ?? ((inputs.Crls?.Count ?? 0) + (inputs.OcspResponses?.Count ?? 0) > 0 ? "chain" : "none");
        return new TrustSettings
        {
            TrustAnchors = anchors,
            Intermediates = [.. RelyingPartyJson.DecodeAll(inputs.Intermediates, PkixEncoding.Certificate, "intermediates"), .. own.Where(a => a.Kind != AuthorityKind.Root).Select(a => a.CertificateDer)],
            Crls = RelyingPartyJson.DecodeAll(inputs.Crls, PkixEncoding.Crl, "crls"),
            OcspResponses = [.. (inputs.OcspResponses ?? []).Select((r, i) => RelyingPartyJson.Base64(r, $"ocspResponses[{i}]"))],
            Revocation = RelyingPartyJson.Option<RevocationMode>(revocation, "revocation"),
            ValidationTime = inputs.ValidationTime,
            Sm2UserIds = [.. new[] { inputs.Sm2UserId ?? Sm2UserId.DefaultText }.Concat(own.Select(a => a.Sm2UserId)).Distinct().Select(UserId)],
        };
    }

    /// <summary>An SM2 signer ID from text.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when too long.</exception>
    public static byte[] UserId(string text)
        => text.Length <= Sm2UserId.MaxLength / 4 ? Sm2UserId.FromText(text) : throw Errors.RequestInvalid.With("'sm2UserId' is too long.");
}
