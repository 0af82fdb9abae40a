namespace GmPki.Issuance.Profiles;

/// <summary>
/// A certificate profile as written in configuration (section <c>Profiles:{name}</c> of
/// <c>gmpki.json</c>). Unvalidated; <see cref="ProfileLoader"/> turns it into a
/// <see cref="Core.Profiles.CertificateProfile"/>. Field reference: <c>docs/configuration.md</c>.
/// </summary>
public sealed class ProfileOptions
{
    /// <summary>Name for people, for example 个人签名.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Certificate policy OID, dotted decimal.</summary>
    public string? PolicyOid { get; set; }

    /// <summary>Absolute http(s) URI of the CPS, or null for none.</summary>
    public string? CpsUri { get; set; }

    /// <summary>Certificate lifetime in days (1–3650).</summary>
    public int ValidityDays { get; set; }

    /// <summary>keyUsage bit names: digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, encipherOnly, decipherOnly.</summary>
    public List<string> KeyUsage { get; set; } = [];

    /// <summary>extKeyUsage purposes: serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, or dotted OIDs.</summary>
    public List<string> ExtendedKeyUsage { get; set; } = [];

    /// <summary>Key algorithm names (<c>sm2</c>, <c>ecdsa-p256</c>, <c>ecdsa-p384</c>, <c>rsa-2048</c>, <c>rsa-3072</c>, <c>rsa-4096</c>).</summary>
    public List<string> KeyAlgorithms { get; set; } = [];

    /// <summary>Subject attributes that must be present (short names such as CN, O, OU).</summary>
    public List<string> RequiredSubject { get; set; } = [];

    /// <summary>Subject attributes that may be present; the required ones are always allowed.</summary>
    public List<string> AllowedSubject { get; set; } = [];

    /// <summary>subjectAltName forms copied from the request: dns, ip, email.</summary>
    public List<string> SubjectAltNames { get; set; } = [];

    /// <summary>Whether at least one subjectAltName entry is required.</summary>
    public bool RequireSubjectAltName { get; set; }

    /// <summary>GM/T 0015 identity extensions (identityCode, insuranceNumber, icRegistrationNumber, organizationCode, taxationNumber) mapped to whether each is required.</summary>
    public Dictionary<string, bool> IdentityExtensions { get; set; } = [];

    /// <summary>Whether applications under this profile need approval by a reviewer other than the registrar who verified the identity (two-person rule).</summary>
    public bool TwoPersonRule { get; set; }

    /// <summary>
    /// For dual certificates (双证书, GM/T 0034): the name of the profile of the encryption certificate
    /// paired with every certificate of this profile issued with <c>dual</c>; that profile's key pairs
    /// are generated and escrowed by the key management centre, and it cannot be asked for by CSR.
    /// Null (the default): certificates of this profile are single.
    /// </summary>
    public string? EncryptionProfile { get; set; }

    /// <summary>
    /// Whether EST <c>serverkeygen</c> (RFC 7030 §4.4) may generate the key pair for a certificate of
    /// this profile and send its private key to the client. Default false: a signing key is the
    /// holder's own (电子签名法 §13: signature creation data under the signatory's sole control), so
    /// enable it only for device or service profiles whose keys are not signature creation data.
    /// </summary>
    public bool ServerKeyGeneration { get; set; }

    /// <summary>
    /// Whether a renewal (更新) under this profile revokes the renewed certificate with reason
    /// <c>superseded</c> (RFC 5280 §5.3.1) once the new one is issued, in the same ledger write as
    /// the fulfilment step (a dual pair's encryption certificate with it). Default true; false keeps
    /// the old certificate good until it expires or is revoked on its own.
    /// </summary>
    public bool SupersedeOnRenewal { get; set; } = true;
}
