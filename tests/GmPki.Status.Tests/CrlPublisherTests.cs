using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Status.Crl;
using GmPki.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Status.Tests;

public class CrlPublisherTests
{
    private readonly MemoryStatusLedger _ledger = new();
    private readonly MovableClock _clock = new(TestAuthority.Now);

    [Fact]
    public async Task PublishDue_FirstRun_CompleteAndDeltaPerShardWithIncreasingNumbers()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.Sm2, _ledger, shards: 2);
        var publisher = Publisher(authority);

        var first = await publisher.PublishDueAsync(CancellationToken.None);
        var none = await publisher.PublishDueAsync(CancellationToken.None);

        first.Select(c => (c.Shard, c.IsDelta)).ShouldBe([(0, false), (0, true), (1, false), (1, true)]);
        first.Select(c => c.Number).ShouldBe([1L, 2, 3, 4]);
        first[1].BaseNumber.ShouldBe(1);
        none.ShouldBeEmpty();
        _ledger.Audit.Count(e => e.Action == "crl.published").ShouldBe(4);
    }

    [Fact]
    public async Task Publish_CompleteCrl_ListsRevokedAndHeldOfItsShardOnly()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.Sm2, _ledger);
        _ledger.Put(TestAuthority.Entry(authority, "41"));
        _ledger.Put(TestAuthority.Entry(authority, "42", CertificateStatus.Revoked, "keyCompromise", TestAuthority.Now.AddHours(-1)));
        _ledger.Put(TestAuthority.Entry(authority, "43", CertificateStatus.Suspended, "certificateHold", TestAuthority.Now.AddHours(-1)));
        _ledger.Put(TestAuthority.Entry(authority, "44", CertificateStatus.Revoked, null, TestAuthority.Now.AddHours(-1), shard: 1));
        _ledger.Put(TestAuthority.Entry(authority, "45", CertificateStatus.Revoked, null, TestAuthority.Now.AddHours(-1)) with { NotAfter = TestAuthority.Now.AddDays(-1) });

        var crl = await Publisher(authority).PublishAsync("ca", 0, false, CancellationToken.None);

        var list = CertificateList.GetInstance(crl.Der);
        Entries(list).ShouldBe([("42", CrlReason.KeyCompromise), ("43", CrlReason.CertificateHold)]);
        var extensions = list.TbsCertList.Extensions;
        extensions.GetExtension(X509Extensions.IssuingDistributionPoint).IsCritical.ShouldBeTrue();
        IssuingDistributionPoint.GetInstance(X509Extension.ConvertValueToObject(extensions.GetExtension(X509Extensions.IssuingDistributionPoint)))
            .DistributionPoint.Name.ToString()!.ShouldContain("http://ca.example/crl/ca/0.crl");
        System.Text.Encoding.ASCII.GetString(extensions.GetExtension(X509Extensions.FreshestCrl).Value.GetOctets()).ShouldContain("http://ca.example/crl/ca/0-delta.crl");
        list.ThisUpdate.ToDateTime().ToUniversalTime().ShouldBe(TestAuthority.Now);
        list.NextUpdate.ToDateTime().ToUniversalTime().ShouldBe(TestAuthority.Now + StatusPolicy.Default.CrlValidity);
        list.Issuer.Equivalent(authority.Identity.Certificate.Subject).ShouldBeTrue();
        var caKey = PublicKey.Parse(authority.CaKey.SubjectPublicKeyInfo.Span);
        caKey.Verify(SignatureAlgorithm.Find(list.SignatureAlgorithm.Algorithm.Id)!, list.TbsCertList.GetDerEncoded(), list.Signature.GetOctets(), Sm2UserId.Default.Span).ShouldBeTrue();
    }

    [Fact]
    public async Task Publish_Delta_ListsChangesSinceItsBaseWithRemoveFromCrl()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, _ledger);
        _ledger.Put(TestAuthority.Entry(authority, "42", CertificateStatus.Revoked, "keyCompromise", TestAuthority.Now.AddDays(-1)));
        var publisher = Publisher(authority);
        var complete = await publisher.PublishAsync("ca", 0, false, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(20));
        _ledger.Put(TestAuthority.Entry(authority, "43", CertificateStatus.Revoked, "superseded", _clock.UtcNow));
        _ledger.Put(TestAuthority.Entry(authority, "44", CertificateStatus.Good, null, _clock.UtcNow));

        var delta = await publisher.PublishAsync("ca", 0, true, CancellationToken.None);

        delta.BaseNumber.ShouldBe(complete.Number);
        delta.Number.ShouldBeGreaterThan(complete.Number);
        var list = CertificateList.GetInstance(delta.Der);
        Entries(list).ShouldBe([("43", CrlReason.Superseded), ("44", CrlReason.RemoveFromCrl)]);
        var indicator = list.TbsCertList.Extensions.GetExtension(X509Extensions.DeltaCrlIndicator);
        indicator.IsCritical.ShouldBeTrue();
        DerInteger.GetInstance(X509Extension.ConvertValueToObject(indicator)).Value.LongValue.ShouldBe(complete.Number);
    }

    [Fact]
    public async Task PublishDue_AfterTheInterval_NewCompleteAndDelta()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, _ledger, shards: 1);
        var publisher = Publisher(authority);
        await publisher.PublishDueAsync(CancellationToken.None);

        _clock.Advance(StatusPolicy.Default.DeltaInterval!.Value);
        var deltaOnly = await publisher.PublishDueAsync(CancellationToken.None);
        _clock.Advance(StatusPolicy.Default.CrlInterval);
        var both = await publisher.PublishDueAsync(CancellationToken.None);

        deltaOnly.Select(c => c.IsDelta).ShouldBe([true]);
        both.Select(c => c.IsDelta).ShouldBe([false, true]);
        both[1].BaseNumber.ShouldBe(both[0].Number);
    }

    [Fact]
    public async Task PublishChanged_PublishesOnceUnlessAlreadyCovered()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, _ledger);
        var publisher = Publisher(authority);
        var change = TestAuthority.Entry(authority, "42", CertificateStatus.Revoked, "keyCompromise", TestAuthority.Now.AddSeconds(-10), shard: 3);
        _ledger.Put(change);

        var first = await publisher.PublishChangedAsync([change], CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var again = await publisher.PublishChangedAsync([change], CancellationToken.None);

        first.ShouldHaveSingleItem().Shard.ShouldBe(3);
        first[0].IsDelta.ShouldBeFalse();
        Entries(CertificateList.GetInstance(first[0].Der)).ShouldBe([("42", CrlReason.KeyCompromise)]);
        again.ShouldBeEmpty();
    }

    [Fact]
    public async Task Latest_UnknownShardOrNothingPublished_CrlNotFound()
    {
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, _ledger);
        var publisher = Publisher(authority);

        (await Should.ThrowAsync<GmPkiException>(() => publisher.LatestAsync("ca", 4, false, CancellationToken.None))).Error.ShouldBe(Errors.CrlNotFound);
        (await Should.ThrowAsync<GmPkiException>(() => publisher.LatestAsync("nope", 0, false, CancellationToken.None))).Error.ShouldBe(Errors.CrlNotFound);
        (await Should.ThrowAsync<GmPkiException>(() => publisher.LatestAsync("ca", 0, false, CancellationToken.None))).Error.ShouldBe(Errors.CrlNotFound);
        var published = await publisher.PublishAsync("ca", 0, false, CancellationToken.None);
        (await publisher.LatestAsync("ca", 0, false, CancellationToken.None)).Number.ShouldBe(published.Number);
    }

    [SkippableTheory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.Rsa2048)]
    public async Task Publish_EcdsaAndRsa_OpenSslVerifiesTheCrlSignature(KeyAlgorithm algorithm)
    {
        OpenSsl.RequireInstalled();
        var authority = await TestAuthority.CreateAsync("ca", algorithm, _ledger);
        _ledger.Put(TestAuthority.Entry(authority, "42", CertificateStatus.Revoked, "cessationOfOperation", TestAuthority.Now.AddHours(-1)));
        using var directory = new TempDirectory("gmpki-crl-");
        await File.WriteAllBytesAsync(directory.File("ca.der"), authority.Identity.CertificateDer);
        await File.WriteAllBytesAsync(directory.File("ca.crl"), (await Publisher(authority).PublishAsync("ca", 0, false, CancellationToken.None)).Der);
        OpenSsl.MustRun(directory.Path, "x509", "-inform", "DER", "-in", "ca.der", "-out", "ca.pem");

        var (code, output, error) = OpenSsl.Run(directory.Path, "crl", "-inform", "DER", "-in", "ca.crl", "-CAfile", "ca.pem", "-noout", "-text");

        code.ShouldBe(0, error);
        (output + error).ShouldContain("verify OK");
        output.ShouldContain("Cessation Of Operation");
    }

    private CrlPublisher Publisher(StatusAuthority authority) => new([authority], _ledger, StatusPolicy.Default, _clock);

    private static List<(string Serial, int Reason)> Entries(CertificateList list)
        => [.. list.GetRevokedCertificateEnumeration().Cast<CrlEntry>().Select(e => (
            Convert.ToHexStringLower(e.UserCertificate.Value.ToByteArrayUnsigned()),
            e.Extensions?.GetExtension(X509Extensions.ReasonCode) is { } reason ? DerEnumerated.GetInstance(X509Extension.ConvertValueToObject(reason)).IntValueExact : CrlReason.Unspecified))];
}
