using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Status.Ocsp;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace GmPki.Status.Tests;

public class OcspRequestReaderTests
{
    [Fact]
    public async Task Read_WellFormedRequest_CertIdsSerialAndNonce()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, new MemoryStatusLedger());
        var nonce = new byte[16];
        nonce[0] = 7;

        var query = OcspRequestReader.Read(OcspMessages.Request(nonce, OcspMessages.CertId(authority, "4a0b", CertIdHash.Sm3), OcspMessages.CertId(authority, "0100")));

        query.Nonce.ShouldBe(nonce);
        query.Certificates.Select(c => (c.Hash, c.SerialHex)).ShouldBe([(CertIdHash.Sm3, "4a0b"), (CertIdHash.Sha1, "0100")]);
    }

    public static TheoryData<string, byte[]> Malformed()
    {
        var id = new CertID(new AlgorithmIdentifier(new DerObjectIdentifier("1.3.14.3.2.26"), DerNull.Instance), new DerOctetString(new byte[20]), new DerOctetString(new byte[20]), new DerInteger(5));
        var md5 = new CertID(new AlgorithmIdentifier(new DerObjectIdentifier("1.2.840.113549.2.5"), DerNull.Instance), new DerOctetString(new byte[16]), new DerOctetString(new byte[16]), new DerInteger(5));
        var negative = new CertID(id.HashAlgorithm, id.IssuerNameHash, id.IssuerKeyHash, new DerInteger(BigInteger.ValueOf(-5)));
        var good = OcspMessages.Request(null, id);
        return new()
        {
            { "empty", [] },
            { "not DER", [0x30, 0x03, 0x02, 0x01] },
            { "trailing bytes", [.. good, 0x00] },
            { "indefinite length (BER)", [0x30, 0x80, .. good[2..], 0x00, 0x00] },
            { "over 16 KiB", new byte[OcspRequestReader.MaxLength + 1] },
            { "no CertID", new OcspRequest(new TbsRequest(null, new DerSequence(), null), null).GetDerEncoded() },
            { "17 CertIDs", OcspMessages.Request(null, [.. Enumerable.Repeat(id, 17)]) },
            { "MD5 CertID", OcspMessages.Request(null, md5) },
            { "negative serial", OcspMessages.Request(null, negative) },
            { "33-octet nonce", OcspMessages.Request(new byte[33], id) },
            { "version 2", new DerSequence(new DerSequence(new DerTaggedObject(true, 0, new DerInteger(1)), new DerSequence(new Request(id, null)))).GetDerEncoded() },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_Malformed_OcspMalformedRequest(string why, byte[] request)
    {
        var error = Should.Throw<GmPkiException>(() => OcspRequestReader.Read(request), why);

        error.Error.ShouldBe(Errors.OcspMalformedRequest, why);
    }
}
