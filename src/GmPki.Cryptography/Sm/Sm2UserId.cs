namespace GmPki.Cryptography.Sm;

/// <summary>
/// SM2 signer identities (ID_A in GB/T 32918.2 §5.5, GM/T 0009 §10). The ID enters the signature
/// through Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), so signer and verifier must agree on it.
/// </summary>
public static class Sm2UserId
{
    /// <summary>The default ID of GM/T 0009: the 16 ASCII bytes <c>1234567812345678</c>.</summary>
    public static ReadOnlyMemory<byte> Default { get; } = "1234567812345678"u8.ToArray();

    /// <summary>The default ID as text.</summary>
    public const string DefaultText = "1234567812345678";

    /// <summary>
    /// The empty ID, which OpenSSL 3.0 uses when no <c>distid</c> option is given (for example
    /// for the proof-of-possession signature of <c>openssl req</c>).
    /// </summary>
    public static ReadOnlyMemory<byte> Empty { get; } = Array.Empty<byte>();

    /// <summary>Maximum ID length: ENTL is a 16-bit count of bits, so 8191 bytes.</summary>
    public const int MaxLength = 8191;

    /// <summary>Encodes an ID given as text (UTF-8).</summary>
    /// <exception cref="ArgumentException">The encoded ID exceeds <see cref="MaxLength"/> bytes.</exception>
    public static byte[] FromText(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var bytes = System.Text.Encoding.UTF8.GetBytes(id);
        return bytes.Length <= MaxLength ? bytes : throw new ArgumentException($"SM2 user ID longer than {MaxLength} bytes.", nameof(id));
    }
}
