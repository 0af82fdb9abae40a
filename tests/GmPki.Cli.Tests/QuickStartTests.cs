using System.Diagnostics;
using System.Net;
using GmPki.Testing;

namespace GmPki.Cli.Tests;

/// <summary>
/// The README's first command as a newcomer runs it: <c>gmpki serve</c> on an empty data
/// directory starts a demo CA, and an SM2 certificate is issued to an <c>openssl req</c> CSR
/// at the registration counter by running the commands the banner prints (openssl, curl), then
/// checked with <c>openssl verify</c>. Start-up is awaited by polling <c>/health</c> until an overall
/// deadline generous enough for a machine under heavy load (<see cref="StartDeadline"/>).
/// </summary>
public class QuickStartTests
{
    /// <summary>How long <c>gmpki serve</c> may take to create the demo and answer <c>/health</c>: ready in about 2 s on a quiet
    /// machine (docs/performance.md, "Start-up"), far longer when a CI machine runs many builds at once.</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(10);

    [SkippableFact]
    public async Task Serve_EmptyDataDirectory_DemoCaIssuesToOpenSslCsrThroughCurl()
    {
        OpenSsl.RequireInstalled();
        Skip.IfNot(OnPath("curl"), "curl is not installed (apt-get install curl); quick-start check skipped.");
        using var work = new TempDirectory("gmpki-quickstart-");
        var data = Path.Combine(work.Path, "gmpki-data");
        var port = LoopbackPort.Free();
        var gmpki = Path.Combine(AppContext.BaseDirectory, "gmpki.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { gmpki, "serve", "--data", data, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("GMPKI_PASSPHRASE");
        using var server = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        server.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await WaitForHealthAsync($"http://127.0.0.1:{port}/health", server, log);
            var banner = string.Join('\n', log);
            banner.ShouldContain("DEMO INSTALLATION CREATED");
            banner.ShouldContain("GmPki is ready to issue");
            DemoKeysHaveTheirOwnPassphrases(data);

            var commands = banner[banner.IndexOf("Issue an SM2 certificate at the registration counter", StringComparison.Ordinal)..]
                .Split('\n').Skip(1).TakeWhile(line => !line.StartsWith("=====", StringComparison.Ordinal)).Select(line => line.Trim());
            var (code, response) = Run(work.Path, "bash", "-e", "-c", string.Join('\n', commands));
            code.ShouldBe(0, response);
            var result = System.Text.Json.JsonDocument.Parse(response).RootElement;
            result.GetProperty("application").GetProperty("state").GetString().ShouldBe("completed", response);
            File.WriteAllText(Path.Combine(work.Path, "leaf.pem"), result.GetProperty("certificate").GetString());
            var chain = result.GetProperty("chain").GetString()!;
            File.WriteAllText(Path.Combine(work.Path, "issuing.pem"), chain[..(chain.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)] + "\n");

            OpenSsl.MustRun(work.Path, "verify", "-partial_chain", "-vfyopt", "distid:1234567812345678", "-CAfile", "issuing.pem", "leaf.pem").ShouldContain("leaf.pem: OK");
            OpenSsl.MustRun(work.Path, "x509", "-in", "leaf.pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=张三");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The demo's audit, TSA and OCSP responder keys are not opened by the demo CA passphrase (docs/cryptography.md, "Keys per duty").</summary>
    private static void DemoKeysHaveTheirOwnPassphrases(string data)
    {
        var caOnly = new Cryptography.Keys.SoftwareKeyStore(Path.Combine(data, "keys"), () => File.ReadAllText(Path.Combine(data, "demo-passphrase")).Trim());
        foreach (var duty in new[] { "audit", "tsa", "ocsp" })
        {
            File.Exists(Path.Combine(data, "demo-passphrase-" + duty)).ShouldBeTrue(duty);
        }

        Should.Throw<Core.Errors.GmPkiException>(() => caOnly.Open("software:audit", Cryptography.Sm.Sm2UserId.Default)).Error.ShouldBe(Core.Errors.Errors.KeyUnlockFailed);
        Should.Throw<Core.Errors.GmPkiException>(() => caOnly.Open("software:tsa", Cryptography.Sm.Sm2UserId.Default)).Error.ShouldBe(Core.Errors.Errors.KeyUnlockFailed);
        caOnly.Open("software:issuing", Cryptography.Sm.Sm2UserId.Default).ShouldNotBeNull();
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200, the server exits, or <see cref="StartDeadline"/> passes; no fixed sleeps.</summary>
    private static async Task WaitForHealthAsync(string url, Process server, System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        var deadline = Stopwatch.StartNew();
        using var client = new HttpClient { Timeout = StartDeadline };
        var exited = server.WaitForExitAsync();
        while (deadline.Elapsed < StartDeadline)
        {
            exited.IsCompleted.ShouldBeFalse("gmpki serve exited:\n" + string.Join('\n', log));
            try
            {
                using var answer = await client.GetAsync(url).WaitAsync(StartDeadline - deadline.Elapsed);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TimeoutException)
            {
                break;
            }

            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }

        throw new TimeoutException($"gmpki serve did not become healthy within {StartDeadline}:\n" + string.Join('\n', log));
    }

    private static (int, string) Run(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static bool OnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(directory => File.Exists(Path.Combine(directory, program)));

}
