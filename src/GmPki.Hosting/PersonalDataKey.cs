using GmPki.Core.Keys;

namespace GmPki.Hosting;

/// <summary>
/// The installation's personal data key: an SM4 secret in the key store (label <c>data</c>), made
/// by <c>gmpki init</c>, under which identity numbers, telephone numbers, addresses and evidence
/// files are encrypted (SM4-GCM, see <see cref="IPersonalDataProtector"/>).
/// </summary>
public static class PersonalDataKey
{
    /// <summary>Key store label.</summary>
    public const string Label = "data";

    /// <summary>Key store reference.</summary>
    public const string Reference = "software:" + Label;

    /// <summary>Generates the key in <paramref name="keys"/> (once, at initialisation).</summary>
    public static void Create(IKeyStore keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var (secret, _) = keys.GenerateSecret(Label);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
    }
}
