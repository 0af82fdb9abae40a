using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Issuance;
using GmPki.Kmc.Envelopes;

namespace GmPki.Hosting.Delivery;

/// <summary>
/// A dual-certificate pair as delivered to its holder (双证书, docs/kmc.md#dual-issuance): both
/// certificates, the CA chain, and the encryption private key in its envelope. The REST API and
/// the command line each present it in their own form.
/// </summary>
/// <param name="SigningSerial">Hex serial of the signing certificate.</param>
/// <param name="EncryptionSerial">Hex serial of the encryption certificate.</param>
/// <param name="KmcKeyId">The KMC's ID of the escrowed encryption key (for recovery).</param>
/// <param name="SigningCertificate">DER.</param>
/// <param name="EncryptionCertificate">DER.</param>
/// <param name="Chain">Issuing CA then root, DER.</param>
/// <param name="EnvelopedKey">DER GM/T 0009 SM2EnvelopedKey encrypted to the signing certificate's key; null for an extended pair (the holder keeps the key).</param>
/// <param name="EnvelopedKeyBlob">The same envelope as the 388-byte GM/T 0016 (SKF) <c>ENVELOPEDKEYBLOB</c> that USB keys import with <c>SKF_ImportECCKeyPair</c> (layout in docs/kmc.md); null with <paramref name="EnvelopedKey"/>.</param>
public sealed record IssuedPair(
    string SigningSerial, string EncryptionSerial, string KmcKeyId, byte[] SigningCertificate, byte[] EncryptionCertificate, IReadOnlyList<byte[]> Chain, byte[]? EnvelopedKey, byte[]? EnvelopedKeyBlob)
{
    /// <summary>The pair a dual application issued, or null when it is not dual or has issued nothing yet.</summary>
    /// <param name="application">The application.</param>
    /// <param name="ledger">Where pairs are recorded.</param>
    /// <param name="certificates">Where certificates are recorded.</param>
    /// <param name="authorities">The installation's CAs (for the chain).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="GmPkiException"><c>certificate-not-found</c> when a certificate of the pair is missing from the ledger.</exception>
    public static async Task<IssuedPair?> OfAsync(
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

        async Task<byte[]> DerOf(string hex) => (await certificates.FindAsync(hex, cancellationToken))?.CertificateDer
            ?? throw Errors.CertificateNotFound.With($"certificate {hex} of the pair is not in the ledger.");
        return new IssuedPair(pair.SigningSerial, pair.EncryptionSerial, pair.KmcKeyId, await DerOf(pair.SigningSerial), await DerOf(pair.EncryptionSerial),
            await authorities.ChainAsync(cancellationToken), pair.EnvelopedKey,
            pair.EnvelopedKey is null ? null : Sm2EnvelopedKey.Decode(pair.EnvelopedKey).ToEnvelopedKeyBlob());
    }
}
