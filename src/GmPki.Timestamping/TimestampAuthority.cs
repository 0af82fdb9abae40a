using GmPki.Core.Keys;
using GmPki.Cryptography.Hashing;
using GmPki.Cryptography.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace GmPki.Timestamping;

/// <summary>
/// The RFC 3161 timestamp authority: answers a DER TimeStampReq with a TimeStampResp whose
/// token is a CMS SignedData (RFC 5652) over a TSTInfo, signed with the TSA key — SM3withSM2
/// (digest SM3, GM/T 0009 default signer ID), ECDSA or RSA with SHA-256/384 — carrying the ESS
/// signing-certificate-v2 attribute (RFC 5816) and, when asked, the TSA certificate. Serials are
/// microsecond stamps, unique and strictly increasing across restarts; with ordering, genTime
/// strictly increases too (<c>docs/relying-party.md</c>). Safe for concurrent use.
/// </summary>
public sealed class TimestampAuthority : IDisposable
{
    private static readonly DerObjectIdentifier TstInfoType = new("1.2.840.113549.1.9.16.1.4");
    private static readonly DerObjectIdentifier SigningCertificateV2Attribute = new("1.2.840.113549.1.9.16.2.47");

    private readonly ISigningKey _key;
    private readonly X509CertificateStructure _certificate;
    private readonly TimestampPolicy _policy;
    private readonly DerObjectIdentifier _policyOid;
    private readonly StampSequence _sequence;
    private readonly DigestAlgorithm _digest;
    private readonly AlgorithmIdentifier _signatureAlgorithm;
    private readonly Attribute _signingCertificate;

    /// <summary>Creates the TSA.</summary>
    /// <param name="key">The TSA's private key.</param>
    /// <param name="certificate">The TSA's DER certificate (critical extKeyUsage id-kp-timeStamping only, RFC 3161 §2.3), matching <paramref name="key"/>.</param>
    /// <param name="policy">Policy, accuracy and ordering.</param>
    /// <param name="watermark">Durable serial watermark.</param>
    /// <param name="clock">Time source of genTime.</param>
    /// <exception cref="ArgumentException">The certificate is not for <paramref name="key"/> or not a timestamping certificate,
    /// the key's algorithm is unknown, or the policy OID is not a dotted OID.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The accuracy is outside 1–60,000 ms.</exception>
    public TimestampAuthority(ISigningKey key, byte[] certificate, TimestampPolicy policy, ISerialWatermark watermark, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(watermark);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.AccuracyMilliseconds, TimestampPolicy.MinAccuracyMilliseconds, nameof(policy));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(policy.AccuracyMilliseconds, TimestampPolicy.MaxAccuracyMilliseconds, nameof(policy));
        _policyOid = PolicyIdentifier(policy.PolicyOid);
        _key = key;
        _certificate = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(certificate));
        if (!_certificate.SubjectPublicKeyInfo.GetDerEncoded().AsSpan().SequenceEqual(key.SubjectPublicKeyInfo.Span))
        {
            throw new ArgumentException("The TSA certificate is not for the TSA key.", nameof(certificate));
        }

        var usage = _certificate.TbsCertificate.Extensions?.GetExtension(X509Extensions.ExtendedKeyUsage);
        var purposes = usage is { IsCritical: true } ? ExtendedKeyUsage.GetInstance(X509Extension.ConvertValueToObject(usage)) : null;
        if (purposes is null || purposes.Count != 1 || !purposes.HasKeyPurposeId(KeyPurposeID.IdKPTimeStamping))
        {
            throw new ArgumentException("The TSA certificate must carry exactly the critical extKeyUsage id-kp-timeStamping (RFC 3161 §2.3).", nameof(certificate));
        }

        _policy = policy;
        _sequence = new StampSequence(watermark, clock, policy.Ordering, TimeSpan.FromMilliseconds(policy.AccuracyMilliseconds));
        _signatureAlgorithm = AlgorithmIdentifier.GetInstance(key.SignatureAlgorithm.ToArray());
        var signature = SignatureAlgorithm.Find(_signatureAlgorithm.Algorithm.Id)
            ?? throw new ArgumentException("The TSA key's signature algorithm is unknown.", nameof(key));
        _digest = DigestAlgorithm.Find(signature.Hash) ?? throw new ArgumentException("The TSA key's digest is unknown.", nameof(key));
        var sha256 = DigestAlgorithm.Find(System.Security.Cryptography.HashAlgorithmName.SHA256)!;
        _signingCertificate = new Attribute(SigningCertificateV2Attribute,
            new DerSet(new SigningCertificateV2([new EssCertIDv2(sha256.Compute(certificate))])));
    }

    /// <summary>Answers a DER TimeStampReq (RFC 3161 §2.4.1) with a DER TimeStampResp (§2.4.2).</summary>
    /// <param name="request">The request body.</param>
    /// <returns>
    /// The response: status granted with a token, or status rejection with a PKIFailureInfo and a
    /// PKIFreeText reason (malformed input never throws).
    /// </returns>
    /// <exception cref="IOException">The serial watermark could not be saved (no token is issued).</exception>
    /// <exception cref="ObjectDisposedException">The TSA was disposed.</exception>
    public TimestampResult Respond(ReadOnlySpan<byte> request)
    {
        var (parsed, failure, reason) = TimestampRequest.Parse(request, _policy);
        if (parsed is null)
        {
            return Refuse(failure, reason!);
        }

        if (_sequence.Next() is not var (serial, time))
        {
            return Refuse(TimestampFailure.TimeNotAvailable, "the TSA clock is behind its last token by more than the accuracy; retry later.");
        }

        var token = Sign(parsed, serial, time);
        var granted = new TimeStampResp(new PkiStatusInfo((int)PkiStatus.Granted), token);
        return new TimestampResult(granted.GetDerEncoded(), null, new IssuedToken(serial, time, parsed.Digest.Name, parsed.Imprint.GetHashedMessage()), null);
    }

    /// <summary>
    /// Stops the TSA: saves the serial watermark just above the last token so that a restart
    /// continues at once; after it, <see cref="Respond"/> issues no token (it throws <see cref="ObjectDisposedException"/> for a request it would grant).
    /// </summary>
    /// <exception cref="IOException">The watermark could not be saved (the earlier, higher one stays).</exception>
    public void Dispose() => _sequence.Close();

    private static TimestampResult Refuse(TimestampFailure failure, string reason)
    {
        var status = new PkiStatusInfo((int)PkiStatus.Rejection, new PkiFreeText(new DerUtf8String(reason)), new PkiFailureInfo((int)failure));
        return new TimestampResult(new TimeStampResp(status, null).GetDerEncoded(), failure, null, reason);
    }

    private ContentInfo Sign(TimestampRequest request, long serial, DateTime time)
    {
        var accuracy = _policy.AccuracyMilliseconds;
        var info = new TstInfo(
            _policyOid,
            request.Imprint,
            new DerInteger(serial),
            GeneralizedTime(time),
            new Accuracy(accuracy >= 1000 ? new DerInteger(accuracy / 1000) : null, accuracy % 1000 > 0 ? new DerInteger(accuracy % 1000) : null, null),
            _policy.Ordering ? DerBoolean.True : null,
            request.Nonce,
            new GeneralName(_certificate.Subject),
            null).GetDerEncoded();
        var digest = new AlgorithmIdentifier(new DerObjectIdentifier(_digest.Oid));
        var attributes = new DerSet(
            new Attribute(CmsAttributes.ContentType, new DerSet(TstInfoType)),
            new Attribute(CmsAttributes.SigningTime, new DerSet(new Org.BouncyCastle.Asn1.Cms.Time(new DateTime(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc)))),
            new Attribute(CmsAttributes.MessageDigest, new DerSet(new DerOctetString(_digest.Compute(info)))),
            _signingCertificate);
        var signer = new SignerInfo(
            new SignerIdentifier(new IssuerAndSerialNumber(_certificate.Issuer, _certificate.SerialNumber.Value)),
            digest, attributes, _signatureAlgorithm, new DerOctetString(_key.Sign(attributes.GetDerEncoded())), null);
        var signedData = new SignedData(
            new DerSet(digest),
            new ContentInfo(TstInfoType, new DerOctetString(info)),
            request.CertificateRequested ? new DerSet(_certificate) : null,
            null,
            new DerSet(signer));
        return new ContentInfo(CmsObjectIdentifiers.SignedData, signedData);
    }

    private static DerObjectIdentifier PolicyIdentifier(string oid)
    {
        try
        {
            return new DerObjectIdentifier(oid);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ArgumentException($"The TSA policy '{oid}' is not a dotted OID.", nameof(oid), e);
        }
    }

    /// <summary>GeneralizedTime with the fraction of a second DER allows (no trailing zeros, RFC 3161 §2.4.2).</summary>
    private static DerGeneralizedTime GeneralizedTime(DateTime time)
    {
        var fraction = (time.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0');
        return new DerGeneralizedTime(time.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : string.Empty) + "Z");
    }
}
