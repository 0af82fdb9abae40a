using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Issuance.Formats;
using GmPki.Kmc.Envelopes;

namespace GmPki.Server.Http;

/// <summary>
/// A dual-certificate pair as delivered to its holder (双证书, docs/kmc.md#dual-issuance): both
/// certificates, the CA chain, and the encryption private key in its envelope.
/// </summary>
/// <param name="SigningSerial">Hex serial of the signing certificate.</param>
/// <param name="EncryptionSerial">Hex serial of the encryption certificate.</param>
/// <param name="KmcKeyId">The KMC's ID of the escrowed encryption key (for recovery).</param>
/// <param name="SigningCertificate">PEM.</param>
/// <param name="EncryptionCertificate">PEM.</param>
/// <param name="Chain">Issuing CA then root, PEM.</param>
/// <param name="EnvelopedKey">Base64 of the DER GM/T 0009 SM2EnvelopedKey encrypted to the signing certificate's key; null for an extended pair (the holder keeps the key).</param>
/// <param name="EnvelopedKeyBlob">Base64 of the same envelope as the 388-byte GM/T 0016 (SKF) <c>ENVELOPEDKEYBLOB</c> that USB keys import with <c>SKF_ImportECCKeyPair</c> (layout in docs/kmc.md); null with <paramref name="EnvelopedKey"/>.</param>
public sealed record PairView(
    string SigningSerial, string EncryptionSerial, string KmcKeyId, string SigningCertificate, string EncryptionCertificate, string Chain, string? EnvelopedKey, string? EnvelopedKeyBlob)
{
    /// <summary>The pair a dual application issued, or null when it is not dual or has issued nothing yet.</summary>
    /// <exception cref="GmPkiException"><c>certificate-not-found</c> when a certificate of the pair is missing from the ledger.</exception>
    public static async Task<PairView?> OfAsync(
        CertificateApplication application, IRegistrationLedger ledger, ICertificateDirectory certificates, AuthorityDirectory authorities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(authorities);
        if (!application.Dual || application.ResultSerial is not { } serial || await ledger.FindPairAsync(serial, cancellationToken) is not { } pair)
        {
            return null;
        }

        async Task<string> PemOf(string hex) => CertificateEncodings.ToPem([(await certificates.FindAsync(hex, cancellationToken))?.CertificateDer
            ?? throw Errors.CertificateNotFound.With($"certificate {hex} of the pair is not in the ledger.")]);
        return new PairView(pair.SigningSerial, pair.EncryptionSerial, pair.KmcKeyId, await PemOf(pair.SigningSerial), await PemOf(pair.EncryptionSerial),
            CertificateEncodings.ToPem(await authorities.ChainAsync(cancellationToken)), pair.EnvelopedKey is null ? null : Convert.ToBase64String(pair.EnvelopedKey),
            pair.EnvelopedKey is null ? null : Convert.ToBase64String(Sm2EnvelopedKey.Decode(pair.EnvelopedKey).ToEnvelopedKeyBlob()));
    }
}
