using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Issuance.Authorities;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Tests;

public class CertificateIssuerTests
{
    [Theory]
    [InlineData("personal", KeyAlgorithm.Sm2, "CN=张三,C=CN")]
    [InlineData("organization", KeyAlgorithm.EcdsaP256, "CN=某公司,O=某公司,C=CN")]
    [InlineData("government-staff", KeyAlgorithm.Sm2, "CN=李四,OU=办公厅,O=某市人民政府,C=CN")]
    [InlineData("server-tls", KeyAlgorithm.Rsa2048, "CN=www.example.gov.cn")]
    public async Task IssueAsync_EachProfile_IssuesCertificateWithEveryM24Item(string profileName, KeyAlgorithm algorithm, string subject)
    {
        var pki = await TestPki.CreateAsync();
        pki.Clock.Current = TestPki.Now.AddHours(1);
        var key = EphemeralKeys.Generate(algorithm);
        var csr = profileName == "server-tls" ? Csrs.Create(key, subject, Csrs.Dns("www.example.gov.cn")) : Csrs.Create(key, subject);

        var issued = await pki.Issuer.IssueAsync(new IssuanceRequest(profileName, csr), TestPki.Operator, CancellationToken.None);

        var certificate = X509CertificateStructure.GetInstance(issued.CertificateDer);
        var profile = pki.Issuer.Profiles[profileName];
        certificate.Issuer.GetDerEncoded().ShouldBe(pki.Issuing.Certificate.Subject.GetDerEncoded());       // (1) CA institution name
        certificate.Subject.ToString(true, X509Name.DefaultSymbols).ShouldBe(subject);                       // (2) holder name
        certificate.SerialNumber.Value.ToString(16).ShouldBe(issued.SerialHex);                             // (3) serial
        certificate.SerialNumber.Value.BitLength.ShouldBeGreaterThanOrEqualTo(64);
        (certificate.EndDate.ToDateTime() - certificate.StartDate.ToDateTime()).ShouldBe(profile.Validity);  // (4) validity
        certificate.StartDate.ToDateTime().ToUniversalTime().ShouldBe(TestPki.Now.UtcDateTime.AddHours(1) - IssuanceSettings.DefaultBackdate);
        PolicyInformation.GetInstance(Asn1Sequence.GetInstance(Extension(certificate, X509Extensions.CertificatePolicies))[0])
            .PolicyIdentifier.Id.ShouldBe(profile.PolicyOid);                                                   // (5) policy OID
        certificate.SubjectPublicKeyInfo.GetDerEncoded().ShouldBe(key.SubjectPublicKeyInfo.ToArray());        // (6) holder public key
        pki.Issuing.PublicKey.Verify(SignatureAlgorithm.Find(certificate.SignatureAlgorithm.Algorithm.Id)!,   // (7) CA signature
            certificate.TbsCertificate.GetDerEncoded(), certificate.Signature.GetOctets(), Sm2UserId.Default.Span).ShouldBeTrue();
        issued.Chain.ShouldBe([pki.Issuing.Record.CertificateDer, pki.Root.Record.CertificateDer]);
    }

    [Fact]
    public async Task PreviewAsync_ValidRequest_ShowsSubjectWithoutReservingOrAuditing()
    {
        var pki = await TestPki.CreateAsync();
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
        var events = pki.Ledger.Events.Count;

        var preview = await pki.Issuer.PreviewAsync(new IssuanceRequest("government-staff", Csrs.Create(key, "CN=李四,OU=办公厅,O=某市人民政府,C=CN")), CancellationToken.None);

        preview.Subject.ShouldBe("CN=李四,OU=办公厅,O=某市人民政府,C=CN");
        preview.Attribute("CN").ShouldBe("李四");
        preview.Attribute("OU").ShouldBe("办公厅");
        preview.SubjectAttributes[0].ShouldBe(("C", "CN"));
        preview.KeyAlgorithm.ShouldBe(KeyAlgorithm.Sm2);
        preview.SubjectPublicKeyInfo.ShouldBe(key.SubjectPublicKeyInfo.ToArray());
        pki.Ledger.Certificates.ShouldBeEmpty();
        pki.Ledger.Events.Count.ShouldBe(events);
    }

    [Fact]
    public async Task PreviewAsync_KeyNotAllowed_Throws()
    {
        var pki = await TestPki.CreateAsync();

        var error = await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.PreviewAsync(
            new IssuanceRequest("government-staff", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), "CN=a,OU=b,O=c")), CancellationToken.None));

        error.Error.Code.ShouldBe("profile-key-algorithm-not-allowed");
    }

    [Fact]
    public async Task ExtendAsync_OwnCertificate_SameSubjectKeyAndIdentityNewSerialAndValidity()
    {
        var pki = await TestPki.CreateAsync();
        var request = new IssuanceRequest("organization", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=某公司,O=某公司"),
            new Dictionary<IdentityExtensionType, string> { [IdentityExtensionType.OrganizationCode] = "91350100M000100Y43" });
        var original = await pki.Issuer.IssueAsync(request, TestPki.Operator, CancellationToken.None);
        pki.Clock.Current = TestPki.Now.AddDays(300);

        var extended = await pki.Issuer.ExtendAsync(original.CertificateDer, "organization", null, TestPki.Operator, CancellationToken.None);

        var before = X509CertificateStructure.GetInstance(original.CertificateDer);
        var after = X509CertificateStructure.GetInstance(extended.CertificateDer);
        extended.SerialHex.ShouldNotBe(original.SerialHex);
        after.Subject.GetDerEncoded().ShouldBe(before.Subject.GetDerEncoded());
        after.SubjectPublicKeyInfo.GetDerEncoded().ShouldBe(before.SubjectPublicKeyInfo.GetDerEncoded());
        extended.NotBefore.ShouldBe(TestPki.Now.AddDays(300).UtcDateTime - IssuanceSettings.DefaultBackdate);
        DerPrintableString.GetInstance(Extension(after, new DerObjectIdentifier("1.2.156.10260.4.1.4"))).GetString().ShouldBe("91350100M000100Y43");
    }

    [Fact]
    public async Task ExtendAsync_ForeignCertificate_RejectedAndAudited()
    {
        var pki = await TestPki.CreateAsync();
        var other = await TestPki.CreateAsync();
        var foreign = await other.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None);

        var error = await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.ExtendAsync(foreign.CertificateDer, "personal", null, TestPki.Operator, CancellationToken.None));

        error.Error.Code.ShouldBe("request-invalid");
        pki.Ledger.Events.Last().Action.ShouldBe("certificate.request-rejected");
    }

    [Fact]
    public async Task IssueEncryptionAsync_SigningCertificateAndKmcKey_SameSubjectAndIdentityForTheOtherKeyWithEncryptionUsages()
    {
        var pki = await TestPki.CreateAsync();
        var request = new IssuanceRequest("organization", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=某公司,O=某公司"),
            new Dictionary<IdentityExtensionType, string> { [IdentityExtensionType.OrganizationCode] = "91350100M000100Y43" });
        var signing = await pki.Issuer.IssueAsync(request, TestPki.Operator, CancellationToken.None);
        var kmcKey = EphemeralKeys.Generate(KeyAlgorithm.Sm2).SubjectPublicKeyInfo.ToArray();

        var encryption = await pki.Issuer.IssueEncryptionAsync(signing.CertificateDer, kmcKey, "organization-encryption", null, TestPki.Operator, CancellationToken.None);

        var before = X509CertificateStructure.GetInstance(signing.CertificateDer);
        var after = X509CertificateStructure.GetInstance(encryption.CertificateDer);
        encryption.Profile.ShouldBe("organization-encryption");
        after.Subject.GetDerEncoded().ShouldBe(before.Subject.GetDerEncoded());
        after.SubjectPublicKeyInfo.GetDerEncoded().ShouldBe(kmcKey);
        KeyUsage.GetInstance(Extension(after, X509Extensions.KeyUsage)).IntValue.ShouldBe(KeyUsage.KeyEncipherment | KeyUsage.DataEncipherment | KeyUsage.KeyAgreement);
        DerPrintableString.GetInstance(Extension(after, new DerObjectIdentifier("1.2.156.10260.4.1.4"))).GetString().ShouldBe("91350100M000100Y43");
    }

    [Fact]
    public async Task IssueAsync_EncryptionProfileByCsr_RefusedBecauseItsKeysComeFromTheKmc()
    {
        var pki = await TestPki.CreateAsync();

        var error = await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.IssueAsync(
            new IssuanceRequest("personal-encryption", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None));

        error.Error.Code.ShouldBe("request-invalid");
        error.Detail.ShouldContain("key management centre");
        pki.Ledger.Certificates.ShouldBeEmpty();
    }

    [Fact]
    public async Task IssueEncryptionAsync_SigningProfileOrForeignCertificate_Refused()
    {
        var pki = await TestPki.CreateAsync();
        var other = await TestPki.CreateAsync();
        var own = await pki.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None);
        var foreign = await other.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None);
        var kmcKey = EphemeralKeys.Generate(KeyAlgorithm.Sm2).SubjectPublicKeyInfo.ToArray();

        (await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.IssueEncryptionAsync(own.CertificateDer, kmcKey, "personal", null, TestPki.Operator, CancellationToken.None)))
            .Detail.ShouldContain("not an encryption profile");
        (await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.IssueEncryptionAsync(foreign.CertificateDer, kmcKey, "personal-encryption", null, TestPki.Operator, CancellationToken.None)))
            .Detail.ShouldContain("not issued by this CA");
        pki.Ledger.Certificates.Count.ShouldBe(1);
    }

    [Fact]
    public async Task IssueAsync_Success_LedgerWalksReservedIntendedIssuedWithAuditBeforeAndAfter()
    {
        var pki = await TestPki.CreateAsync();

        var issued = await pki.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None);

        var record = pki.Ledger.Certificates[issued.SerialHex];
        record.State.ShouldBe(CertificateState.Issued);
        record.Certificate.ShouldBe(issued.CertificateDer);
        X509CertificateStructure.GetInstance(issued.CertificateDer).TbsCertificate.GetDerEncoded().ShouldBe(record.Tbs);
        pki.Ledger.Actions.Skip(2).ShouldBe(["certificate.serial-reserved", "certificate.signing", "certificate.issued"]);
        pki.Ledger.Events.Skip(2).ShouldAllBe(e => e.Actor == "operator:alice" && e.RequestId == "req-1" && e.Target == "certificate:issuing/" + issued.SerialHex);
    }

    [Fact]
    public async Task IssueAsync_RightAfterCaCreation_NotBeforeClampedToIssuingCa()
    {
        var pki = await TestPki.CreateAsync();

        var issued = await pki.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None);

        issued.NotBefore.ShouldBe(pki.Issuing.NotBefore);
        (issued.NotAfter - issued.NotBefore).ShouldBe(pki.Issuer.Profiles["personal"].Validity);
    }

    [Fact]
    public async Task IssueAsync_CrlShardAndUrlsFixedAtIssuance()
    {
        var pki = await TestPki.CreateAsync();

        var issued = await pki.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None);

        var shard = pki.Ledger.Reservations.Single().CrlShard;
        shard.ShouldBeInRange(0, 3);
        var certificate = X509CertificateStructure.GetInstance(issued.CertificateDer);
        var point = CrlDistPoint.GetInstance(Extension(certificate, X509Extensions.CrlDistributionPoints)).GetDistributionPoints().ShouldHaveSingleItem();
        GeneralNames.GetInstance(point.DistributionPointName.Name).GetNames().Single().Name.ToString().ShouldBe($"http://ca.test/crl/issuing/{shard}.crl");
        AuthorityInformationAccess.GetInstance(Extension(certificate, X509Extensions.AuthorityInfoAccess)).GetAccessDescriptions()
            .Select(d => d.AccessLocation.Name.ToString()).ShouldBe(["http://ca.test/ocsp", "http://ca.test/ca/issuing.crt"]);
    }

    [Fact]
    public async Task IssueAsync_IdentityExtension_Written()
    {
        var pki = await TestPki.CreateAsync();
        var request = new IssuanceRequest("organization", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=某公司,O=某公司"),
            new Dictionary<IdentityExtensionType, string> { [IdentityExtensionType.OrganizationCode] = "91350100M000100Y43" });

        var issued = await pki.Issuer.IssueAsync(request, TestPki.Operator, CancellationToken.None);

        var value = Extension(X509CertificateStructure.GetInstance(issued.CertificateDer), new DerObjectIdentifier("1.2.156.10260.4.1.4"));
        DerPrintableString.GetInstance(value).GetString().ShouldBe("91350100M000100Y43");
    }

    [Fact]
    public async Task IssueAsync_UnknownProfile_RejectedAuditedNothingReserved()
    {
        var pki = await TestPki.CreateAsync();

        var error = await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.IssueAsync(new IssuanceRequest("vip", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None));

        error.Error.Code.ShouldBe("profile-unknown");
        pki.Ledger.Certificates.ShouldBeEmpty();
        var audit = pki.Ledger.Events.Last();
        audit.Action.ShouldBe("certificate.request-rejected");
        audit.Outcome.ShouldBe("rejected");
        audit.Details!.ShouldContain("profile-unknown");
    }

    [Theory]
    [InlineData("government-staff", KeyAlgorithm.EcdsaP256, "profile-key-algorithm-not-allowed")]
    [InlineData("personal", KeyAlgorithm.Sm2, "csr-bad-signature")]
    public async Task IssueAsync_BadRequest_RejectedAndAudited(string profile, KeyAlgorithm algorithm, string code)
    {
        var pki = await TestPki.CreateAsync();
        var csr = Csrs.Create(EphemeralKeys.Generate(algorithm, Encoding.ASCII.GetBytes("wrong-id")), "CN=a,OU=b,O=c");

        var error = await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.IssueAsync(new IssuanceRequest(profile, csr), TestPki.Operator, CancellationToken.None));

        error.Error.Code.ShouldBe(code);
        pki.Ledger.Events.Last().Details!.ShouldContain(code);
        pki.Ledger.Certificates.ShouldBeEmpty();
    }

    [Fact]
    public async Task IssueAsync_IssuingCaExpiresBeforeCertificate_IssuerUnavailable()
    {
        var pki = await TestPki.CreateAsync();
        pki.Clock.Current = new DateTimeOffset(pki.Issuing.NotAfter.AddDays(-100), TimeSpan.Zero);

        var error = await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None));

        error.Error.Code.ShouldBe("issuer-unavailable");
        pki.Ledger.Certificates.ShouldBeEmpty();
    }

    [Fact]
    public async Task IssueAsync_SerialCollisions_RetriesWithFreshSerial()
    {
        var pki = await TestPki.CreateAsync();
        pki.Ledger.CollisionsToSimulate = 4;

        var issued = await pki.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None);

        pki.Ledger.Certificates[issued.SerialHex].State.ShouldBe(CertificateState.Issued);
    }

    [Fact]
    public async Task IssueAsync_SerialAlwaysTaken_ReservationFailed()
    {
        var pki = await TestPki.CreateAsync();
        pki.Ledger.CollisionsToSimulate = 5;

        var error = await Should.ThrowAsync<GmPkiException>(() => pki.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None));

        error.Error.Code.ShouldBe("serial-reservation-failed");
    }

    [Fact]
    public async Task IssueAsync_FaultySignature_SigningFaultAndSerialMarkedFailed()
    {
        var pki = await TestPki.CreateAsync();
        var faulty = new CertificateAuthority(pki.Issuing.Record, new CorruptingKey(pki.Issuing.Key));
        var issuer = new CertificateIssuer(faulty, [], pki.Issuer.Profiles, pki.Ledger, pki.Ledger, pki.Clock, new IssuanceSettings(TestPki.Urls, TimeSpan.Zero));

        var error = await Should.ThrowAsync<GmPkiException>(() => issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=a")), TestPki.Operator, CancellationToken.None));

        error.Error.Code.ShouldBe("signing-fault");
        var record = pki.Ledger.Certificates.Values.Single();
        record.State.ShouldBe(CertificateState.Failed);
        record.Tbs.ShouldNotBeNull();
        record.Certificate.ShouldBeNull();
        pki.Ledger.Actions.TakeLast(3).ShouldBe(["certificate.serial-reserved", "certificate.signing", "certificate.issuance-failed"]);
    }

    [Fact]
    public async Task IssueAsync_Concurrent_AllIssuedWithDistinctSerials()
    {
        var pki = await TestPki.CreateAsync();

        var issued = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() =>
            pki.Issuer.IssueAsync(new IssuanceRequest("personal", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), $"CN=user{i}")), TestPki.Operator, CancellationToken.None))));

        issued.Select(c => c.SerialHex).Distinct().Count().ShouldBe(24);
        pki.Ledger.Certificates.Values.ShouldAllBe(c => c.State == CertificateState.Issued);
    }

    private static Asn1Object Extension(X509CertificateStructure certificate, DerObjectIdentifier oid)
        => X509Extension.ConvertValueToObject(certificate.TbsCertificate.Extensions.GetExtension(oid).ShouldNotBeNull());

    private sealed class CorruptingKey(ISigningKey inner) : ISigningKey
    {
        public KeyAlgorithm Algorithm => inner.Algorithm;

        public ReadOnlyMemory<byte> SubjectPublicKeyInfo => inner.SubjectPublicKeyInfo;

        public ReadOnlyMemory<byte> SignatureAlgorithm => inner.SignatureAlgorithm;

        public byte[] Sign(ReadOnlySpan<byte> data) => inner.Sign([.. data, 0x00]);
    }
}
