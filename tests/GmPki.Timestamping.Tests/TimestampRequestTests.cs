using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Timestamping.Tests;

public class TimestampRequestTests
{
    private const string Sha256 = "2.16.840.1.101.3.4.2.1";

    [SkippableTheory]
    [InlineData(Sha256, 32, null, null, false, 0)]
    [InlineData("1.2.156.10197.1.401", 32, null, null, false, 0)]
    [InlineData("1.3.14.3.2.26", 20, null, null, false, 0)]
    [InlineData("2.16.840.1.101.3.4.2.2", 48, null, null, false, 0)]
    [InlineData("1.2.840.113549.2.5", 16, null, null, false, PkiFailureInfo.BadAlg)]
    [InlineData("2.16.840.1.101.3.4.2.4", 28, null, null, false, PkiFailureInfo.BadAlg)]
    [InlineData(Sha256, 20, null, null, false, PkiFailureInfo.BadDataFormat)]
    [InlineData("1.2.156.10197.1.401", 0, null, null, false, PkiFailureInfo.BadDataFormat)]
    [InlineData(Sha256, 32, "1.2.3.4", null, false, PkiFailureInfo.UnacceptedPolicy)]
    [InlineData(Sha256, 32, TimestampPolicy.DefaultPolicyOid, null, false, 0)]
    [InlineData(Sha256, 32, null, 2, false, PkiFailureInfo.BadRequest)]
    [InlineData(Sha256, 32, null, null, true, PkiFailureInfo.UnacceptedExtension)]
    public void Respond_Request_GrantedOrRejectedWithFailureInfo(string hashOid, int imprintLength, string? policy, int? version, bool extension, int failureInfo)
    {
        using var tsa = new TestTsa("ec");
        var imprint = new MessageImprint(new AlgorithmIdentifier(new DerObjectIdentifier(hashOid)), new byte[imprintLength]);
        var extensions = extension ? new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension> { [new DerObjectIdentifier("1.2.3.4")] = new X509Extension(false, new DerOctetString([5])) }) : null;
        var request = new TimeStampReq(imprint, policy is null ? null : new DerObjectIdentifier(policy), new DerInteger(42), null, extensions).GetDerEncoded();
        if (version is { } v)
        {
            request[4] = (byte)v;
        }

        var result = tsa.Authority.Respond(request);

        Tokens.Status(result.Response).ShouldBe(failureInfo == 0 ? (PkiStatus.Granted, 0) : (PkiStatus.Rejection, failureInfo));
        result.Granted.ShouldBe(failureInfo == 0);
        result.Failure.ShouldBe(failureInfo == 0 ? null : (TimestampFailure)failureInfo);
        (result.Token is null).ShouldBe(failureInfo != 0);
    }

    [SkippableFact]
    public void Respond_HashWithNullParameters_GrantedButOtherParametersBadAlg()
    {
        using var tsa = new TestTsa("ec");
        byte[] Request(Asn1Encodable parameters)
            => new TimeStampReq(new MessageImprint(new AlgorithmIdentifier(new DerObjectIdentifier(Sha256), parameters), new byte[32]), null, null, null, null).GetDerEncoded();

        tsa.Authority.Respond(Request(DerNull.Instance)).Granted.ShouldBeTrue();
        tsa.Authority.Respond(Request(new DerInteger(1))).Failure.ShouldBe(TimestampFailure.BadAlg);
    }

    [SkippableFact]
    public void Respond_MalformedBodies_BadDataFormatNeverThrows()
    {
        using var tsa = new TestTsa("ec");
        var valid = tsa.Query("x"u8.ToArray(), "-sha256", "-cert");
        var random = new Random(3161);
        List<byte[]> bodies = [[], [0x30, 0x03, 0x02, 0x01, 0x01], [0x02, 0x01, 0x01], [.. valid, 0x00], "not DER at all"u8.ToArray()];
        bodies.AddRange(Enumerable.Range(1, valid.Length - 1).Select(n => valid[..n]));
        for (var i = 0; i < 300; i++)
        {
            var mutated = valid.ToArray();
            mutated[random.Next(mutated.Length)] ^= (byte)random.Next(1, 256);
            bodies.Add(mutated);
        }

        var results = bodies.Select(b => tsa.Authority.Respond(b)).ToList();

        results.Take(5).ShouldAllBe(r => r.Failure == TimestampFailure.BadDataFormat);
        results.Skip(5).Take(valid.Length - 1).ShouldAllBe(r => r.Failure == TimestampFailure.BadDataFormat);
        results.ShouldAllBe(r => Tokens.Status(r.Response).Status == (r.Granted ? PkiStatus.Granted : PkiStatus.Rejection));
        results.Where(r => !r.Granted).ShouldAllBe(r => !string.IsNullOrEmpty(r.Refusal));
    }
}
