namespace GmPki.Cryptography.Keys;

/// <summary>
/// The passphrases of a key store, one per <see cref="KeyDuty"/>, each asked for lazily, once, and
/// never logged. A duty without a passphrase of its own (its source answers null) falls back to
/// the CA passphrase: the protection of installations made before keys had duties
/// (<c>docs/cryptography.md</c>, "Keys per duty").
/// </summary>
public sealed class KeyPassphrases
{
    private readonly Lazy<string> _authority;
    private readonly Dictionary<KeyDuty, Lazy<string?>> _duties;
    private readonly Action<string>? _notice;

    /// <summary>Creates the passphrases.</summary>
    /// <param name="authority">Supplies the CA passphrase (CA keys and the personal data key).</param>
    /// <param name="duty">Supplies the passphrase of a separate duty, or null when it has none; null for none at all.</param>
    /// <param name="notice">Told, in one line without secrets, when a key file is re-encrypted under its duty's passphrase; null to ignore.</param>
    public KeyPassphrases(Func<string> authority, Func<KeyDuty, string?>? duty = null, Action<string>? notice = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        _authority = new Lazy<string>(authority, LazyThreadSafetyMode.ExecutionAndPublication);
        _notice = notice;
        _duties = KeyDuties.Separate.ToDictionary(d => d, d => new Lazy<string?>(() => duty?.Invoke(d), LazyThreadSafetyMode.ExecutionAndPublication));
    }

    /// <summary>The CA passphrase.</summary>
    public string Authority => _authority.Value;

    /// <summary>The passphrase protecting keys of <paramref name="duty"/>: its own, else the CA passphrase.</summary>
    public string For(KeyDuty duty) => Own(duty) ?? Authority;

    /// <summary>The passphrase of <paramref name="duty"/> itself, or null when it falls back to the CA passphrase.</summary>
    public string? Own(KeyDuty duty) => _duties.TryGetValue(duty, out var own) ? own.Value : null;

    /// <summary>Passes a one-line notice (no secrets) to the installation's operator, when one listens.</summary>
    public void Notice(string message) => _notice?.Invoke(message);
}
