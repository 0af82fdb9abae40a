using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Hosting.Delivery;
using GmPki.Issuance.Formats;

namespace GmPki.Server.Http;

/// <summary>
/// A dual-certificate pair as delivered to its holder (双证书, docs/kmc.md#dual-issuance), in JSON: both
/// certificates, the CA chain, and the encryption private key in its envelope (<see cref="IssuedPair"/>).
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
        => await IssuedPair.OfAsync(application, ledger, certificates, authorities, cancellationToken) is { } pair
            ? new PairView(pair.SigningSerial, pair.EncryptionSerial, pair.KmcKeyId, CertificateEncodings.ToPem([pair.SigningCertificate]),
                CertificateEncodings.ToPem([pair.EncryptionCertificate]), CertificateEncodings.ToPem(pair.Chain),
                pair.EnvelopedKey is null ? null : Convert.ToBase64String(pair.EnvelopedKey), pair.EnvelopedKeyBlob is null ? null : Convert.ToBase64String(pair.EnvelopedKeyBlob))
            : null;
}
