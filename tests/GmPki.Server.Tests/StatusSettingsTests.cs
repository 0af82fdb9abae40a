using GmPki.Hosting.Configuration;

namespace GmPki.Server.Tests;

public class StatusSettingsTests
{
    [Fact]
    public void Validate_Defaults_NoProblemsAndTheDocumentedPolicy()
    {
        var settings = new StatusSettings();

        settings.Validate().ShouldBeEmpty();
        var policy = settings.ToPolicy();
        policy.CrlInterval.ShouldBe(TimeSpan.FromHours(6));
        policy.DeltaInterval.ShouldBe(TimeSpan.FromMinutes(15));
        policy.OcspLiveConcurrency.ShouldBe(2 * Environment.ProcessorCount);
        new StatusSettings { DeltaIntervalMinutes = 0 }.ToPolicy().DeltaInterval.ShouldBeNull();
    }

    [Fact]
    public void Validate_EverySettingOutOfRange_NumberedProblems()
    {
        var settings = new StatusSettings
        {
            CrlIntervalMinutes = 4, CrlValidityMinutes = 4, DeltaIntervalMinutes = 5, OcspValidityMinutes = 20000,
            OcspRefreshMinutes = 0, OcspLiveConcurrency = -1, PollSeconds = 0,
        };

        settings.Validate().Select(p => p[..16]).ShouldBe(
            ["GMPKI-STATUS-001", "GMPKI-STATUS-002", "GMPKI-STATUS-003", "GMPKI-STATUS-004", "GMPKI-STATUS-005", "GMPKI-STATUS-006", "GMPKI-STATUS-007"]);
    }
}
