using GmPki.Issuance.Authorities;

namespace GmPki.Hosting.Keys;

/// <summary>
/// What distinguishes one certified service key of the installation from another: its key store
/// label, its certificate profile, its algorithm rule, where its certificate is kept and the
/// command that creates it for an installation made before it existed.
/// </summary>
/// <param name="Label">Key store label (<c>keys/{label}.key.pem</c>).</param>
/// <param name="Name">Name in messages (<c>audit</c>, <c>TSA</c>).</param>
/// <param name="Profile">The certificate the issuing CA gives the key.</param>
/// <param name="IssuingAlgorithm">True: the key has the issuing CA's algorithm; false: always SM2.</param>
/// <param name="CertificateFile">The certificate's PEM file in the data directory.</param>
/// <param name="CreateCommand">The <c>gmpki</c> sub-command that creates the key (<c>audit create-key</c>).</param>
public sealed record ServiceKeyDuty(string Label, string Name, ServiceKeyProfile Profile, bool IssuingAlgorithm, Func<DataDirectory, string> CertificateFile, string CreateCommand)
{
    /// <summary>The audit key (<c>docs/audit.md</c>, "Checkpoints"): SM2, label <c>audit</c>, certificate <c>audit-key.crt</c>.</summary>
    public static ServiceKeyDuty Audit { get; } = new(AuditKeys.Label, "audit", ServiceKeyProfile.Audit, false, d => d.AuditCertificateFile, "audit create-key");

    /// <summary>The TSA key (<c>docs/relying-party.md</c>): the issuing CA's algorithm, label <c>tsa</c>, certificate <c>tsa.crt</c>
    /// with the critical extKeyUsage id-kp-timeStamping only (RFC 3161 §2.3).</summary>
    public static ServiceKeyDuty Timestamping { get; } = new(TimestampKeys.Label, "TSA", ServiceKeyProfile.Timestamping, true, d => d.TimestampCertificateFile, "tsa create-key");
}
