using Xunit;

namespace GmPki.Testing;

/// <summary>
/// Redocly CLI from <c>tools/openapi-lint</c> (pinned in its package-lock.json, installed by
/// <c>npm ci</c> there; <c>.ci/run</c> does so), with the rules of its <c>redocly.yaml</c>.
/// </summary>
public static class OpenApiLint
{
    /// <summary>Lints <paramref name="document"/>; returns Redocly's exit code (0: no errors) and report.</summary>
    /// <exception cref="InvalidOperationException">The tool is not installed and this is CI (<c>CI</c> set): the lint must run there.</exception>
    /// <exception cref="SkipException">The tool is not installed outside CI.</exception>
    public static (int ExitCode, string Output) Run(string document)
    {
        var tool = RepositoryRoot.Of("tools/openapi-lint");
        var redocly = Path.Combine(tool, "node_modules", ".bin", "redocly");
        if (!File.Exists(redocly))
        {
            const string missing = "tools/openapi-lint/node_modules is missing: run 'npm ci' in tools/openapi-lint (Node.js and npm: apt-get install nodejs npm)";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException(missing + ", and this is CI: the OpenAPI lint must run (.ci/run installs it).");
            }

            throw new SkipException(missing + "; the OpenAPI lint is skipped.");
        }

        return ExternalCommand.Run(redocly, ["lint", "--config", Path.Combine(tool, "redocly.yaml"), "--format", "stylish", document],
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });
    }
}
