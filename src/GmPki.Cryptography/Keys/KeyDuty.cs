namespace GmPki.Cryptography.Keys;

/// <summary>
/// What a stored key is for, which decides the passphrase protecting its file
/// (<c>docs/cryptography.md</c>, "Keys per duty"): the CA keys and the personal data key share
/// the key store passphrase; the audit key, the TSA key and the OCSP responder keys each have
/// their own, so one secret does not open all (M24 §24 separation of duties).
/// </summary>
public enum KeyDuty
{
    /// <summary>CA signing keys (<c>root</c>, <c>issuing</c>, …) and the personal data key (<c>data</c>).</summary>
    CertificationAuthority,

    /// <summary>The audit key (label <c>audit</c>): signs audit checkpoints.</summary>
    Audit,

    /// <summary>The TSA key (label <c>tsa</c>): signs RFC 3161 time-stamp tokens.</summary>
    Timestamping,

    /// <summary>The delegated OCSP responder keys (labels <c>ocsp-{ca}-{yyyyMMddHHmmss}</c>, RFC 6960 §4.2.2.2).</summary>
    OcspResponder,
}

/// <summary>Maps key store labels to their <see cref="KeyDuty"/>.</summary>
public static class KeyDuties
{
    /// <summary>The duties with a passphrase of their own (all but <see cref="KeyDuty.CertificationAuthority"/>).</summary>
    public static IReadOnlyList<KeyDuty> Separate { get; } = [KeyDuty.Audit, KeyDuty.Timestamping, KeyDuty.OcspResponder];

    /// <summary>The duty of the key labelled <paramref name="label"/>: <c>audit</c>, <c>tsa</c>, <c>ocsp-*</c>, else the CA's.</summary>
    public static KeyDuty Of(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label switch
        {
            "audit" => KeyDuty.Audit,
            "tsa" => KeyDuty.Timestamping,
            _ when label.StartsWith("ocsp-", StringComparison.Ordinal) => KeyDuty.OcspResponder,
            _ => KeyDuty.CertificationAuthority,
        };
    }

    /// <summary>The short name used in environment variables and file names: <c>audit</c>, <c>tsa</c>, <c>ocsp</c>, <c>ca</c>.</summary>
    public static string NameOf(KeyDuty duty) => duty switch
    {
        KeyDuty.Audit => "audit",
        KeyDuty.Timestamping => "tsa",
        KeyDuty.OcspResponder => "ocsp",
        _ => "ca",
    };
}
