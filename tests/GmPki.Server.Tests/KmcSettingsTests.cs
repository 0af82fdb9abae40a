using GmPki.Hosting;
using GmPki.Hosting.Configuration;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>The remote KMC settings' numbered checks (docs/configuration.md GMPKI-KMC-nnn).</summary>
public sealed class KmcSettingsTests : IDisposable
{
    private readonly TempDirectory _directory = new("gmpki-kmc-settings-");

    private DataDirectory Data => DataDirectory.At(_directory.Path);

    [Fact]
    public void Validate_NoUrl_NoProblemsAndTheEmbeddedKmc()
    {
        var settings = new KmcSettings { TimeoutSeconds = 0 };

        settings.Validate(Data).ShouldBeEmpty();
        settings.ToRemote(Data).ShouldBeNull();
    }

    [Fact]
    public void Validate_PlainHttpUrlMissingFilesAndTimeout_NumberedProblems()
    {
        var settings = new KmcSettings { Url = "http://kmc.example", ClientCertificate = "none.pem", TimeoutSeconds = 301 };

        settings.Validate(Data).Select(p => p[..13]).ShouldBe(["GMPKI-KMC-001", "GMPKI-KMC-002", "GMPKI-KMC-002", "GMPKI-KMC-002", "GMPKI-KMC-004"]);
    }

    [SkippableFact]
    public void Validate_KeyOfAnotherCertificate_Problem003_ThenAMatchingPairIsTheRemoteKmc()
    {
        OpenSsl.RequireInstalled();
        foreach (var name in new[] { "a", "b" })
        {
            OpenSsl.MustRun(_directory.Path, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=" + name);
        }

        var settings = new KmcSettings { Url = "https://127.0.0.1:8443", ClientCertificate = "a.pem", ClientKey = "b.key", TrustedCertificate = "b.pem" };

        settings.Validate(Data).ShouldHaveSingleItem().ShouldStartWith("GMPKI-KMC-003");
        settings.ClientKey = "a.key";
        settings.Validate(Data).ShouldBeEmpty();
        var remote = settings.ToRemote(Data).ShouldNotBeNull();
        remote.ClientKey.ShouldBe(Path.Combine(_directory.Path, "a.key"));
        remote.Timeout.ShouldBe(TimeSpan.FromSeconds(30));
    }

    public void Dispose() => _directory.Dispose();
}
