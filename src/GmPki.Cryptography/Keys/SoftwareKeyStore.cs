using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Keys;

namespace GmPki.Cryptography.Keys;

/// <summary>
/// Keeps private keys and secret keys as files in one directory, each an encrypted PKCS#8
/// <c>EncryptedPrivateKeyInfo</c> (RFC 5958 §3) in PEM (<c>-----BEGIN ENCRYPTED PRIVATE KEY-----</c>),
/// protected with PBES2 (RFC 8018 §6.2): PBKDF2-HMAC-SHA256 and AES-256-CBC. OpenSSL reads
/// these files (<c>openssl pkey -in FILE</c>). Files are created with mode 0600.
/// </summary>
/// <remarks>References have the form <c>software:{label}</c>; the file is <c>{label}.key.pem</c>.
/// The passphrase is asked for lazily, once, and never logged.</remarks>
public sealed partial class SoftwareKeyStore : IKeyStore
{
    /// <summary>PBKDF2 iterations for new keys (OWASP 2023 recommendation for PBKDF2-HMAC-SHA256).</summary>
    public const int DefaultIterations = 600_000;

    private const string Scheme = "software:";
    private const string Sm4Oid = "1.2.156.10197.1.104";
    private readonly string _directory;
    private readonly Lazy<string> _passphrase;
    private readonly int _iterations;

    /// <summary>Creates a store over <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">Directory holding the key files.</param>
    /// <param name="passphrase">Supplies the passphrase on first use; see <see cref="Passphrase"/>.</param>
    /// <param name="iterations">PBKDF2 iteration count for keys this store generates.</param>
    public SoftwareKeyStore(string directory, Func<string> passphrase, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1000);
        _directory = directory;
        _passphrase = new Lazy<string>(passphrase, LazyThreadSafetyMode.ExecutionAndPublication);
        _iterations = iterations;
    }

    /// <inheritdoc/>
    public (ISigningKey Key, string Reference) Generate(string label, KeyAlgorithm algorithm, ReadOnlyMemory<byte> sm2UserId)
    {
        var path = NewPath(label);
        var (key, pkcs8) = SigningKeys.Generate(algorithm, sm2UserId);
        Store(path, pkcs8);
        return (key, Scheme + label);
    }

    /// <inheritdoc/>
    public ISigningKey Open(string reference, ReadOnlyMemory<byte> sm2UserId)
    {
        var pkcs8 = Load(reference);
        try
        {
            return SigningKeys.FromPkcs8(pkcs8, sm2UserId);
        }
        catch (CryptographicException)
        {
            throw Errors.KeyUnlockFailed.With($"{reference}: the file holds no signing key.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The secret is kept as a PKCS#8 PrivateKeyInfo whose algorithm is SM4 (<c>1.2.156.10197.1.104</c>)
    /// and whose privateKey octets are the key, encrypted like every other key of the store.</remarks>
    public (byte[] Secret, string Reference) GenerateSecret(string label)
    {
        var path = NewPath(label);
        var secret = RandomNumberGenerator.GetBytes(Sm.Sm4.KeySize);
        var info = new System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo(new Oid(Sm4Oid), null, secret);
        var pkcs8 = info.Encode();
        Store(path, pkcs8);
        return (secret, Scheme + label);
    }

    /// <inheritdoc/>
    public byte[] OpenSecret(string reference)
    {
        var pkcs8 = Load(reference);
        try
        {
            var info = System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.Decode(pkcs8, out _);
            return info.AlgorithmId.Value == Sm4Oid && info.PrivateKeyBytes.Length == Sm.Sm4.KeySize
                ? info.PrivateKeyBytes.ToArray()
                : throw Errors.KeyUnlockFailed.With($"{reference}: the file holds no SM4 secret key.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private string NewPath(string label)
    {
        if (!LabelPattern().IsMatch(label))
        {
            throw Errors.RequestInvalid.With($"key label '{label}' must match [a-z0-9-]{{1,64}}.");
        }

        var path = PathOf(label);
        return File.Exists(path) ? throw Errors.AlreadyInitialized.With($"a key labelled '{label}' already exists in {_directory}.") : path;
    }

    /// <summary>Encrypts <paramref name="pkcs8"/> (PBES2) into a new owner-only PEM file and wipes it.</summary>
    private void Store(string path, byte[] pkcs8)
    {
        try
        {
            var info = System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.Decode(pkcs8, out _, skipCopy: true);
            var encrypted = info.Encrypt(_passphrase.Value, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, _iterations));
            WritePrivateFile(path, PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", encrypted));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Reads and decrypts the PKCS#8 PrivateKeyInfo of <paramref name="reference"/>; the caller wipes it.</summary>
    private byte[] Load(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var label = reference.StartsWith(Scheme, StringComparison.Ordinal) ? reference[Scheme.Length..] : null;
        if (label is null || !LabelPattern().IsMatch(label))
        {
            throw Errors.KeyNotFound.With($"'{reference}' is not a software key store reference.");
        }

        var path = PathOf(label);
        if (!File.Exists(path))
        {
            throw Errors.KeyNotFound.With($"no key file {path}.");
        }

        try
        {
            var text = File.ReadAllText(path);
            var pem = PemEncoding.Find(text);
            var der = Convert.FromBase64String(text[pem.Base64Data]);
            return System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.DecryptAndDecode(_passphrase.Value, der, out _).Encode();
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            throw Errors.KeyUnlockFailed.With($"{path}: wrong passphrase or damaged key file.");
        }
    }

    private string PathOf(string label) => Path.Combine(_directory, label + ".key.pem");

    private static void WritePrivateFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        File.Move(temporary, path);
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex LabelPattern();
}
