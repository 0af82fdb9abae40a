using BenchmarkDotNet.Attributes;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Timestamping;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace GmPki.Benchmarks;

/// <summary>
/// One RFC 3161 token per call of <see cref="TimestampAuthority.Respond"/>: parsing the request,
/// the stamp, TSTInfo and signed attributes, one signature and the DER response. The TSA
/// certificate is included (certReq), the watermark is in memory (the file watermark is saved once
/// per second of stamps). Tokens/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class TimestampBenchmarks : IDisposable
{
    private TimestampAuthority _authority = null!;
    private byte[] _request = null!;

    [Params(KeyAlgorithm.Sm2, KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa2048)]
    public KeyAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var key = EphemeralKeys.Generate(Algorithm);
        var name = new X509Name("C=CN,O=GmPki Benchmark,CN=Benchmark TSA");
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.One);
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        generator.SetNotAfter(DateTime.UtcNow.AddDays(1));
        generator.SetPublicKey(Org.BouncyCastle.Security.PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()));
        generator.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeID.IdKPTimeStamping));
        var certificate = generator.Generate(new SigningKeySignatureFactory(key)).GetEncoded();
        _authority = new TimestampAuthority(key, certificate, new TimestampPolicy(TimestampPolicy.DefaultPolicyOid), new MemoryWatermark(), TimeProvider.System);
        var imprint = new MessageImprint(new AlgorithmIdentifier(new DerObjectIdentifier("1.2.156.10197.1.401")), new byte[32]);
        _request = new TimeStampReq(imprint, null, new DerInteger(0x1234_5678_9abc_def0), DerBoolean.True, null).GetDerEncoded();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _authority.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public byte[] Respond() => _authority.Respond(_request).Response;

    private sealed class MemoryWatermark : ISerialWatermark
    {
        private long _value;

        public long Load() => _value;

        public void Save(long watermark) => _value = watermark;
    }
}
