namespace GmPki.Kmc.Storage;

/// <summary>Row of <c>kmc_device_keys</c>: the escrowed SM4 device authentication key of one USB key of a CA.</summary>
internal sealed class DeviceKeyEntity
{
    public string CaId { get; set; } = "";

    /// <summary>GM/T 0016 <c>DEVINFO.SerialNumber</c>, 1–32 printable ASCII characters.</summary>
    public string DeviceSerial { get; set; } = "";

    /// <summary>The CA's request ID of the personalisation.</summary>
    public string RequestId { get; set; } = "";

    public string MasterKeyId { get; set; } = "";

    /// <summary>12-byte nonce ‖ SM4-GCM ciphertext of the 16-byte key ‖ 16-byte tag (<c>EscrowCipher</c>, key ID <c>device:{serial}</c>).</summary>
    public byte[] SealedKey { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the KMC last answered an unlock for the device.</summary>
    public DateTimeOffset? LastUnlockAt { get; set; }
}
