using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Status.Ocsp;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Status.Tests;

public sealed class OcspResponderTests : IDisposable
{
    private readonly MemoryStatusLedger _ledger = new();
    private readonly MovableClock _clock = new(TestAuthority.Now);
    private OcspResponder? _responder;

    [Theory]
    [InlineData(KeyAlgorithm.Sm2, CertIdHash.Sm3)]
    [InlineData(KeyAlgorithm.Sm2, CertIdHash.Sha1)]
    [InlineData(KeyAlgorithm.EcdsaP256, CertIdHash.Sha256)]
    [InlineData(KeyAlgorithm.Rsa2048, CertIdHash.Sha1)]
    public async Task Respond_GoodRevokedUnknown_SignedByTheDelegatedResponder(KeyAlgorithm algorithm, CertIdHash hash)
    {
        var authority = await TestAuthority.CreateAsync("ca", algorithm, _ledger);
        _ledger.Put(TestAuthority.Entry(authority, "41"));
        _ledger.Put(TestAuthority.Entry(authority, "42", CertificateStatus.Revoked, "keyCompromise", TestAuthority.Now.AddHours(-3)));
        _ledger.Put(TestAuthority.Entry(authority, "43", CertificateStatus.Suspended, "certificateHold", TestAuthority.Now.AddHours(-2)));
        var responder = Responder(authority);

        var good = await responder.RespondAsync(OcspMessages.Request(null, OcspMessages.CertId(authority, "41", hash)), CancellationToken.None);
        var revoked = await responder.RespondAsync(OcspMessages.Request(null, OcspMessages.CertId(authority, "42", hash)), CancellationToken.None);
        var held = await responder.RespondAsync(OcspMessages.Request(null, OcspMessages.CertId(authority, "43", hash)), CancellationToken.None);
        var unknown = await responder.RespondAsync(OcspMessages.Request(null, OcspMessages.CertId(authority, "44", hash)), CancellationToken.None);

        good.Result.ShouldBe(OcspResult.Successful);
        OcspMessages.Single(good.Der).CertStatus.TagNo.ShouldBe(0);
        var revokedInfo = RevokedInfo.GetInstance(OcspMessages.Single(revoked.Der).CertStatus.Status);
        revokedInfo.RevocationTime.ToDateTime().ToUniversalTime().ShouldBe(TestAuthority.Now.AddHours(-3));
        revokedInfo.RevocationReason.Value.IntValue.ShouldBe(CrlReason.KeyCompromise);
        RevokedInfo.GetInstance(OcspMessages.Single(held.Der).CertStatus.Status).RevocationReason.Value.IntValue.ShouldBe(CrlReason.CertificateHold);
        OcspMessages.Single(unknown.Der).CertStatus.TagNo.ShouldBe(2);
        var basic = OcspMessages.Basic(good.Der);
        OcspMessages.Single(good.Der).CertId.HashAlgorithm.Algorithm.Id.ShouldBe(CertIdHashes.Oid(hash));
        basic.Certs[0].GetDerEncoded().ShouldBe(authority.ResponderCertificate);
        var responderKey = PublicKey.Parse(authority.ResponderKey.SubjectPublicKeyInfo.Span);
        responderKey.Verify(SignatureAlgorithm.Find(basic.SignatureAlgorithm.Algorithm.Id)!, basic.TbsResponseData.GetDerEncoded(), basic.Signature.GetOctets(), Sm2UserId.Default.Span)
            .ShouldBeTrue();
        Asn1OctetString.GetInstance(basic.TbsResponseData.ResponderID.ToAsn1Object() is Asn1TaggedObject tagged ? tagged.GetObject() : null).GetOctets()
            .ShouldBe(CertIdHashes.Digest(CertIdHash.Sha1, SubjectPublicKeyInfo.GetInstance(authority.ResponderKey.SubjectPublicKeyInfo.ToArray()).PublicKeyData.GetBytes()));
        var single = OcspMessages.Single(good.Der);
        single.NextUpdate.ToDateTime().ToUniversalTime().ShouldBe(TestAuthority.Now + StatusPolicy.Default.OcspValidity);
    }

    [Fact]
    public async Task ResponderCertificate_HasOcspSigningAndNoCheck()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.Sm2, _ledger);

        var certificate = X509CertificateStructure.GetInstance(authority.ResponderCertificate);
        var extensions = certificate.TbsCertificate.Extensions;

        ExtendedKeyUsage.GetInstance(X509Extension.ConvertValueToObject(extensions.GetExtension(X509Extensions.ExtendedKeyUsage)))
            .HasKeyPurposeId(KeyPurposeID.IdKPOcspSigning).ShouldBeTrue();
        extensions.GetExtension(OcspObjectIdentifiers.PkixOcspNocheck).ShouldNotBeNull();
        extensions.GetExtension(X509Extensions.BasicConstraints).IsCritical.ShouldBeTrue();
        certificate.Issuer.Equivalent(authority.Identity.Certificate.Subject).ShouldBeTrue();
        _ledger.Audit.Select(e => e.Action).ShouldBe(["certificate.serial-reserved", "certificate.signing", "certificate.issued"]);
    }

    [Fact]
    public async Task Respond_ForeignIssuerOrTwoIssuers_Unauthorized()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, _ledger);
        var other = await TestAuthority.CreateAsync("other", KeyAlgorithm.EcdsaP256, _ledger);
        var foreign = await TestAuthority.CreateAsync("foreign", KeyAlgorithm.EcdsaP256, _ledger);
        var responder = Responder(authority, other);

        var unauthorized = await responder.RespondAsync(OcspMessages.Request(null, OcspMessages.CertId(foreign, "41")), CancellationToken.None);
        var mixed = await responder.RespondAsync(OcspMessages.Request(null, OcspMessages.CertId(authority, "41"), OcspMessages.CertId(other, "41")), CancellationToken.None);

        unauthorized.Result.ShouldBe(OcspResult.Unauthorized);
        OcspMessages.Parse(unauthorized.Der).ResponseStatus.IntValueExact.ShouldBe(6);
        OcspMessages.Parse(unauthorized.Der).ResponseBytes.ShouldBeNull();
        mixed.Result.ShouldBe(OcspResult.Unauthorized);
    }

    [Fact]
    public async Task Respond_Malformed_MalformedRequestStatus()
    {
        var responder = Responder(await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, _ledger));

        var answer = await responder.RespondAsync(new byte[] { 0x30, 0x00 }, CancellationToken.None);

        answer.Result.ShouldBe(OcspResult.MalformedRequest);
        answer.Detail.ShouldNotBeNullOrEmpty();
        OcspMessages.Parse(answer.Der).ResponseStatus.IntValueExact.ShouldBe(1);
    }

    [Fact]
    public async Task Respond_WithNonce_EchoedSignedLiveEachTime()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, _ledger);
        _ledger.Put(TestAuthority.Entry(authority, "41"));
        var responder = Responder(authority);
        byte[] nonce = [1, 2, 3, 4, 5, 6, 7, 8];

        var first = await responder.RespondAsync(OcspMessages.Request(nonce, OcspMessages.CertId(authority, "41")), CancellationToken.None);
        var second = await responder.RespondAsync(OcspMessages.Request([9, 9], OcspMessages.CertId(authority, "41")), CancellationToken.None);

        first.PreSigned.ShouldBeFalse();
        second.PreSigned.ShouldBeFalse();
        var echoed = OcspMessages.Basic(first.Der).TbsResponseData.ResponseExtensions.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        Asn1OctetString.GetInstance(echoed.Value.GetOctets()).GetOctets().ShouldBe(nonce);
        responder.PreSignedCount.ShouldBe(0);
    }

    [Fact]
    public async Task Respond_WithoutNonce_SecondAnswerIsPreSignedUntilTheStatusChanges()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, _ledger);
        var entry = TestAuthority.Entry(authority, "41");
        _ledger.Put(entry);
        var responder = Responder(authority);
        var request = OcspMessages.Request(null, OcspMessages.CertId(authority, "41", CertIdHash.Sm3));

        var first = await responder.RespondAsync(request, CancellationToken.None);
        var second = await responder.RespondAsync(request, CancellationToken.None);
        var revokedEntry = entry with { Status = CertificateStatus.Revoked, Reason = "superseded", ChangedAt = TestAuthority.Now };
        _ledger.Put(revokedEntry);
        _clock.Advance(TimeSpan.FromSeconds(2));
        responder.Apply([revokedEntry]);
        var third = await responder.RespondAsync(request, CancellationToken.None);

        first.PreSigned.ShouldBeFalse();
        second.PreSigned.ShouldBeTrue();
        second.Der.ShouldBe(first.Der);
        third.PreSigned.ShouldBeTrue();
        OcspMessages.Single(third.Der).CertStatus.TagNo.ShouldBe(1);
        _ledger.FindCalls.ShouldBe(1);
    }

    [Fact]
    public async Task PreSign_SignsEachIssuedCertificateOnceUntilTheRefreshAge()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.Sm2, _ledger);
        _ledger.Put(TestAuthority.Entry(authority, "41"));
        _ledger.Put(TestAuthority.Entry(authority, "42", CertificateStatus.Revoked, "keyCompromise", TestAuthority.Now));
        _ledger.Put(TestAuthority.Entry(authority, "43") with { NotAfter = TestAuthority.Now.AddSeconds(-1) });
        var responder = Responder(authority);

        var first = await responder.PreSignAsync(CancellationToken.None);
        var again = await responder.PreSignAsync(CancellationToken.None);
        var answer = await responder.RespondAsync(OcspMessages.Request(null, OcspMessages.CertId(authority, "42")), CancellationToken.None);
        _clock.Advance(StatusPolicy.Default.OcspRefresh + TimeSpan.FromSeconds(1));
        var refreshed = await responder.PreSignAsync(CancellationToken.None);

        first.ShouldBe(2);
        again.ShouldBe(0);
        answer.PreSigned.ShouldBeTrue();
        OcspMessages.Single(answer.Der).CertStatus.TagNo.ShouldBe(1);
        refreshed.ShouldBe(2);
        _ledger.FindCalls.ShouldBe(0);
    }

    public void Dispose() => _responder?.Dispose();

    private OcspResponder Responder(params StatusAuthority[] authorities)
        => _responder = new OcspResponder(authorities, _ledger, StatusPolicy.Default, _clock);
}
