using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;

namespace GmPki.Cryptography.Tests;

public class SigningKeyTests
{
    public static TheoryData<KeyAlgorithm> AllAlgorithms => new(Enum.GetValues<KeyAlgorithm>());

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Sign_EachAlgorithm_VerifiesWithParsedPublicKey(KeyAlgorithm algorithm)
    {
        var key = EphemeralKeys.Generate(algorithm);
        var publicKey = PublicKey.Parse(key.SubjectPublicKeyInfo.Span);
        var oid = Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier.GetInstance(key.SignatureAlgorithm.ToArray()).Algorithm.Id;
        var signatureAlgorithm = SignatureAlgorithm.Find(oid).ShouldNotBeNull();

        var signature = key.Sign("tbs"u8);

        publicKey.Algorithm.ShouldBe(algorithm);
        publicKey.Verify(signatureAlgorithm, "tbs"u8, signature, Sm2UserId.Default.Span).ShouldBeTrue();
        publicKey.Verify(signatureAlgorithm, "tbS"u8, signature, Sm2UserId.Default.Span).ShouldBeFalse();
    }

    [Theory]
    [InlineData(KeyAlgorithm.Sm2, "SM3withSM2", "1.2.156.10197.1.501")]
    [InlineData(KeyAlgorithm.EcdsaP256, "ecdsa-with-SHA256", "1.2.840.10045.4.3.2")]
    [InlineData(KeyAlgorithm.EcdsaP384, "ecdsa-with-SHA384", "1.2.840.10045.4.3.3")]
    [InlineData(KeyAlgorithm.Rsa2048, "sha256WithRSAEncryption", "1.2.840.113549.1.1.11")]
    public void SignatureAlgorithm_EachKey_NamesStandardOid(KeyAlgorithm algorithm, string name, string oid)
    {
        var key = EphemeralKeys.Generate(algorithm);
        var identifier = Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier.GetInstance(key.SignatureAlgorithm.ToArray());

        identifier.Algorithm.Id.ShouldBe(oid);
        SignatureAlgorithm.Find(oid)!.Name.ShouldBe(name);
        if (algorithm == KeyAlgorithm.Sm2)
        {
            identifier.Parameters.ShouldBeNull("GM/T 0015: SM3withSM2 carries no parameters");
        }
    }

    [Fact]
    public void Sm2Key_ConcurrentSigning_AllSignaturesVerify()
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
        var publicKey = PublicKey.Parse(key.SubjectPublicKeyInfo.Span);
        var algorithm = SignatureAlgorithm.Find("1.2.156.10197.1.501")!;

        var results = Enumerable.Range(0, 64).AsParallel().Select(i =>
        {
            var message = BitConverter.GetBytes(i);
            return publicKey.Verify(algorithm, message, key.Sign(message), Sm2UserId.Default.Span);
        }).ToList();

        results.ShouldAllBe(ok => ok);
    }
}
