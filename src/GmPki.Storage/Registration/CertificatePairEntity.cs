namespace GmPki.Storage.Registration;

/// <summary>Row of table <c>certificate_pairs</c>: a dual-certificate pair (双证书), key the signing certificate's serial.</summary>
internal sealed class CertificatePairEntity
{
    /// <summary>Hex serial (ledger form) of the signing certificate.</summary>
    public required string SigningSerial { get; set; }

    /// <summary>Hex serial of the encryption certificate; unique.</summary>
    public required string EncryptionSerial { get; set; }

    /// <summary>The KMC's ID of the escrowed encryption key.</summary>
    public required string KmcKeyId { get; set; }

    /// <summary>DER GM/T 0009 SM2EnvelopedKey to the signing key, or null.</summary>
    public byte[]? EnvelopedKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
