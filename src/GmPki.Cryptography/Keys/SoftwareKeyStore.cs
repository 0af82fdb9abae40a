using System.Collections.Concurrent;
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
/// Each file is encrypted under the passphrase of its <see cref="KeyDuty"/> (<see cref="KeyPassphrases"/>),
/// asked for lazily, once, and never logged. A file is decrypted (its PBKDF2 key derived) once per
/// store however often it is opened, so opening the same key twice costs one derivation; opens of
/// different files run in parallel. A duty key still encrypted under the CA passphrase (an
/// installation made before keys had duties) is re-encrypted under its duty's own passphrase the
/// first time it is opened with one.</remarks>
public sealed partial class SoftwareKeyStore : IKeyStore
{
    /// <summary>PBKDF2 iterations for new keys (OWASP 2023 recommendation for PBKDF2-HMAC-SHA256).</summary>
    public const int DefaultIterations = 600_000;

    private const string Scheme = "software:";
    private const string Sm4Oid = "1.2.156.10197.1.104";
    private readonly string _directory;
    private readonly KeyPassphrases _passphrases;
    private readonly int _iterations;
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _decrypted = new(StringComparer.Ordinal);

    /// <summary>Creates a store over <paramref name="directory"/> whose keys all share one passphrase.</summary>
    /// <param name="directory">Directory holding the key files.</param>
    /// <param name="passphrase">Supplies the passphrase on first use; see <see cref="Passphrase"/>.</param>
    /// <param name="iterations">PBKDF2 iteration count for keys this store generates.</param>
    public SoftwareKeyStore(string directory, Func<string> passphrase, int iterations = DefaultIterations)
        : this(directory, new KeyPassphrases(passphrase), iterations)
    {
    }

    /// <summary>Creates a store over <paramref name="directory"/> (created when missing) with a passphrase per duty.</summary>
    /// <param name="directory">Directory holding the key files.</param>
    /// <param name="passphrases">The passphrases of the CA keys and of each separate duty.</param>
    /// <param name="iterations">PBKDF2 iteration count for keys this store generates or re-encrypts (at least 1000).</param>
    public SoftwareKeyStore(string directory, KeyPassphrases passphrases, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(passphrases);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1000);
        _directory = directory;
        _passphrases = passphrases;
        _iterations = iterations;
    }

    /// <inheritdoc/>
    public (ISigningKey Key, string Reference) Generate(string label, KeyAlgorithm algorithm, ReadOnlyMemory<byte> sm2UserId)
    {
        var path = NewPath(label);
        var (key, pkcs8) = SigningKeys.Generate(algorithm, sm2UserId);
        Store(label, path, pkcs8);
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
        Store(label, path, pkcs8);
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

    /// <summary>Encrypts <paramref name="pkcs8"/> (PBES2) under the passphrase of <paramref name="label"/>'s duty into a new owner-only PEM file and wipes it.</summary>
    private void Store(string label, string path, byte[] pkcs8)
    {
        try
        {
            WritePrivateFile(path, Encrypt(pkcs8, _passphrases.For(KeyDuties.Of(label))), replace: false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private string Encrypt(byte[] pkcs8, string passphrase)
    {
        var info = System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.Decode(pkcs8, out _, skipCopy: true);
        var encrypted = info.Encrypt(passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, _iterations));
        return PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", encrypted);
    }

    /// <summary>The decrypted PKCS#8 PrivateKeyInfo of <paramref name="reference"/>, a copy the caller wipes.</summary>
    private byte[] Load(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var label = reference.StartsWith(Scheme, StringComparison.Ordinal) ? reference[Scheme.Length..] : null;
        if (label is null || !LabelPattern().IsMatch(label))
        {
            throw Errors.KeyNotFound.With($"'{reference}' is not a software key store reference.");
        }

        var decrypted = _decrypted.GetOrAdd(label, l => new Lazy<byte[]>(() => Decrypt(l), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return decrypted.Value.ToArray();
        }
        catch (GmPkiException)
        {
            _decrypted.TryRemove(new KeyValuePair<string, Lazy<byte[]>>(label, decrypted));
            throw;
        }
    }

    /// <summary>Reads and decrypts the file of <paramref name="label"/> under its duty's passphrase, re-encrypting a file still under the CA passphrase.</summary>
    private byte[] Decrypt(string label)
    {
        var path = PathOf(label);
        if (!File.Exists(path))
        {
            throw Errors.KeyNotFound.With($"no key file {path}.");
        }

        try
        {
            var text = File.ReadAllText(path);
            var der = Convert.FromBase64String(text[PemEncoding.Find(text).Base64Data]);
            var duty = KeyDuties.Of(label);
            var own = duty == KeyDuty.CertificationAuthority ? null : _passphrases.Own(duty);
            if (own is null)
            {
                return DecryptWith(_passphrases.Authority, der) ?? throw Errors.KeyUnlockFailed.With($"{path}: wrong passphrase or damaged key file.");
            }

            if (DecryptWith(own, der) is { } pkcs8)
            {
                return pkcs8;
            }

            var legacy = DecryptWith(_passphrases.Authority, der)
                ?? throw Errors.KeyUnlockFailed.With($"{path}: wrong {KeyDuties.NameOf(duty)} passphrase or damaged key file.");
            WritePrivateFile(path, Encrypt(legacy, own), replace: true);
            _passphrases.Notice($"{path}: the {KeyDuties.NameOf(duty)} key was protected by the CA passphrase; it is now encrypted under its own passphrase.");
            return legacy;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Errors.KeyUnlockFailed.With($"{path}: damaged key file.");
        }
    }

    private static byte[]? DecryptWith(string passphrase, byte[] der)
    {
        try
        {
            return System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.DecryptAndDecode(passphrase, der, out _).Encode();
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private string PathOf(string label) => Path.Combine(_directory, label + ".key.pem");

    private static void WritePrivateFile(string path, string content, bool replace)
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

        File.Move(temporary, path, replace);
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex LabelPattern();
}
