using System.Text.Json;
using GmPki.Testing;
using GmPki.Verification.Paths;
using Xunit.Abstractions;

namespace GmPki.Verification.Tests;

/// <summary>
/// x509-limbo (207 cases, from tests/testdata/x509-limbo): each case validated with its
/// inputs, under the Web PKI profile for <c>webpki::</c> cases and an RFC 5280 profile otherwise (the suite
/// has pairs of cases that differ only in that); revocation checked for the end entity when the
/// case supplies CRLs. The count of agreements is written to the output and asserted: 202 under
/// the strict profile, one fewer under the default (<c>rfc5280::root-non-critical-basic-constraints</c>
/// is valid there, with a warning).
/// </summary>
public class LimboTests(ITestOutputHelper output)
{

    private static readonly Dictionary<string, string> Purposes = new()
    {
        ["serverAuth"] = "1.3.6.1.5.5.7.3.1",
        ["clientAuth"] = "1.3.6.1.5.5.7.3.2",
        ["codeSigning"] = "1.3.6.1.5.5.7.3.3",
        ["emailProtection"] = "1.3.6.1.5.5.7.3.4",
        ["timeStamping"] = "1.3.6.1.5.5.7.3.8",
        ["OCSPSigning"] = "1.3.6.1.5.5.7.3.9",
        ["anyExtendedKeyUsage"] = "2.5.29.37.0",
    };

    /// <summary>Runs the suite; cases GmPki disagrees with are listed with reasons in docs/conformance.md.</summary>
    /// <param name="profile">The profile of the non-<c>webpki::</c> cases.</param>
    /// <param name="expectedPasses">Cases GmPki must agree with.</param>
    [Theory]
    [InlineData(ValidationProfile.Strict, 202)]
    [InlineData(ValidationProfile.Rfc5280, 201)]
    public void Limbo_AllCases_MatchExpectedResults(ValidationProfile profile, int expectedPasses)
    {
        var file = ConformanceTestData.Require("x509-limbo/limbo.json");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var cases = document.RootElement.GetProperty("testcases").EnumerateArray().ToList();
        var failures = new List<string>();
        foreach (var testCase in cases)
        {
            var id = testCase.GetProperty("id").GetString()!;
            List<byte[]> Blocks(string property) => [.. testCase.GetProperty(property).EnumerateArray().SelectMany(e => Pem.Blocks(e.GetString()!))];
            var crls = Blocks("crls");
            var time = testCase.GetProperty("validation_time");
            var request = new PathValidationRequest
            {
                Certificate = Pem.Single(testCase.GetProperty("peer_certificate").GetString()!),
                TrustAnchors = Blocks("trusted_certs"),
                Intermediates = Blocks("untrusted_intermediates"),
                Crls = crls,
                Revocation = crls.Count > 0 ? RevocationMode.Leaf : RevocationMode.None,
                ValidationTime = time.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(time.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null,
                Profile = id.StartsWith("webpki::", StringComparison.Ordinal) ? ValidationProfile.WebPki : profile,
                RequiredExtendedKeyUsages = [.. testCase.GetProperty("extended_key_usage").EnumerateArray().Select(e => Purposes[e.GetString()!])],
                PeerName = PeerNameOf(testCase.GetProperty("expected_peer_name")),
                MaxIntermediates = testCase.GetProperty("max_chain_depth") is { ValueKind: JsonValueKind.Number } depth ? depth.GetInt32() : null,
            };
            var result = PathValidator.Validate(request, TimeProvider.System);
            var expected = testCase.GetProperty("expected_result").GetString() == "SUCCESS";
            if (result.Valid != expected)
            {
                failures.Add($"{id}: expected {(expected ? "valid" : "invalid")}, got {(result.Valid ? "valid" : result.Failure?.ToCode() + ": " + result.Reason)}");
            }
        }

        var passed = cases.Count - failures.Count;
        output.WriteLine($"x509-limbo ({profile}): {passed}/{cases.Count} cases pass.");
        failures.ForEach(output.WriteLine);
        passed.ShouldBeGreaterThanOrEqualTo(expectedPasses, string.Join(Environment.NewLine, failures));
    }

    private static PeerName? PeerNameOf(JsonElement name)
        => name.ValueKind != JsonValueKind.Object ? null : name.GetProperty("kind").GetString() switch
        {
            "DNS" => new PeerName(PeerName.Dns, name.GetProperty("value").GetString()!),
            "IP" => new PeerName(PeerName.Ip, name.GetProperty("value").GetString()!),
            _ => new PeerName(PeerName.Email, name.GetProperty("value").GetString()!),
        };
}
