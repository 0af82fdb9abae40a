using System.Text.Json;
using GmPki.Testing;
using GmPki.Verification.Paths;
using Xunit.Abstractions;

namespace GmPki.Verification.Tests;

/// <summary>
/// NIST PKITS 1.0.1 (249 cases, from tests/testdata/pkits): every case validated with its
/// own inputs; the count of agreements with the expected result (and, for valid paths, the
/// expected user-constrained policy set) is written to the output and asserted.
/// </summary>
public class PkitsTests(ITestOutputHelper output)
{
    /// <summary>Cases GmPki agrees with; failures are listed in docs/conformance.md.</summary>
    private const int ExpectedPasses = 249;

    private static readonly DateTimeOffset ValidationTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pkits_AllCases_MatchExpectedResults()
    {
        var root = ConformanceTestData.Require("pkits/pkits.json");
        using var document = JsonDocument.Parse(File.ReadAllText(root));
        var directory = Path.Combine(Path.GetDirectoryName(root)!, "pem");
        var policyOids = document.RootElement.GetProperty("policy_oids").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        policyOids["anyPolicy"] = PathValidationRequest.AnyPolicy;
        var cases = document.RootElement.GetProperty("testcases").EnumerateArray().ToList();
        var failures = new List<string>();
        foreach (var testCase in cases)
        {
            byte[] Load(string name, string suffix = ".pem") => Pem.Single(File.ReadAllText(Path.Combine(directory, name + suffix)));
            List<string> Names(string property) => [.. testCase.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
            var request = new PathValidationRequest
            {
                Certificate = Load(testCase.GetProperty("target").GetString()!),
                TrustAnchors = [Load(testCase.GetProperty("trust_anchor").GetString()!)],
                Intermediates = [.. Names("intermediates").Select(n => Load(n))],
                Crls = [.. Names("crls").Select(n => Load(n, ".crl.pem"))],
                ValidationTime = ValidationTime,
                Revocation = RevocationMode.Chain,
                InitialPolicies = [.. Names("initial_policy_set").Select(p => policyOids[p])],
                RequireExplicitPolicy = testCase.GetProperty("initial_explicit_policy").GetBoolean(),
                InhibitPolicyMapping = testCase.GetProperty("initial_policy_mapping_inhibit").GetBoolean(),
                InhibitAnyPolicy = testCase.GetProperty("initial_inhibit_any_policy").GetBoolean(),
                AllowSha1 = true,
            };
            var result = PathValidator.Validate(request, TimeProvider.System);
            var expected = testCase.GetProperty("should_validate").GetBoolean();
            var problem = result.Valid != expected ? $"expected {(expected ? "valid" : "invalid")}, got {(result.Valid ? "valid" : result.Failure?.ToCode() + ": " + result.Reason)}" : null;
            if (problem is null && result.Valid && testCase.GetProperty("user_constrained_policy_set") is { ValueKind: JsonValueKind.Array } policies)
            {
                var expectedPolicies = policies.EnumerateArray().Select(p => policyOids[p.GetString()!]).Order(StringComparer.Ordinal).ToList();
                if (!expectedPolicies.SequenceEqual(result.Policies))
                {
                    problem = $"user-constrained policy set [{string.Join(", ", result.Policies)}], expected [{string.Join(", ", expectedPolicies)}]";
                }
            }

            if (problem is not null)
            {
                failures.Add($"{testCase.GetProperty("id").GetString()}: {problem}");
            }
        }

        var passed = cases.Count - failures.Count;
        output.WriteLine($"PKITS: {passed}/{cases.Count} cases pass.");
        failures.ForEach(output.WriteLine);
        passed.ShouldBeGreaterThanOrEqualTo(ExpectedPasses, string.Join(Environment.NewLine, failures));
    }
}
