namespace GmPki.Kmc.Storage;

/// <summary>Row of <c>kmc_escrowed_keys</c>: one escrowed encryption key pair.</summary>
internal sealed class EscrowedKeyEntity
{
    public string KeyId { get; set; } = "";

    public string CaId { get; set; } = "";

    public string RequestId { get; set; } = "";

    /// <summary>Name of the key algorithm (<c>KeyAlgorithms</c>).</summary>
    public string Algorithm { get; set; } = "";

    /// <summary>DER SubjectPublicKeyInfo of the encryption key.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>DER SubjectPublicKeyInfo of the holder's signing key the key was delivered to.</summary>
    public byte[] HolderSigningKey { get; set; } = [];

    public string MasterKeyId { get; set; } = "";

    /// <summary>12-byte nonce ‖ SM4-GCM ciphertext of the PKCS#8 private key ‖ 16-byte tag.</summary>
    public byte[] SealedPrivateKey { get; set; } = [];

    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset NotAfter { get; set; }

    /// <summary><c>active</c>, <c>revoked</c> or <c>archived</c>.</summary>
    public string State { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StateChangedAt { get; set; }
}
