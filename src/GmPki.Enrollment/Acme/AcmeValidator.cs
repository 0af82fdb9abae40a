using System.Buffers.Text;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using DnsClient;
using GmPki.Core.Errors;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// Validates a challenge (RFC 8555 §8): the key authorization is <c>{token}.{account key
/// thumbprint}</c> (§8.1); http-01 fetches
/// <c>http://{domain}:{Acme:Http01Port}/.well-known/acme-challenge/{token}</c> and compares the
/// body (§8.3, no redirects followed); dns-01 looks up the TXT records of
/// <c>_acme-challenge.{domain}</c> for base64url(SHA-256(key authorization)) (§8.4).
/// </summary>
internal sealed class AcmeValidator : IDisposable
{
    /// <summary>Most bytes read of an http-01 answer.</summary>
    public const int MaxHttpBody = 8 * 1024;

    private readonly AcmeSettings _settings;
    private readonly IDnsTxtResolver _dns;
    private readonly HttpClient _http;

    public AcmeValidator(AcmeSettings settings, IDnsTxtResolver dns)
    {
        _settings = settings;
        _dns = dns;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(settings.ValidationTimeoutSeconds) };
        if (settings.ResolveToAddress is { } address)
        {
            handler.ConnectCallback = async (connection, cancellationToken) =>
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, connection.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(settings.ValidationTimeoutSeconds) };
    }

    /// <summary>The key authorization of <paramref name="token"/> for an account key (§8.1).</summary>
    public static string KeyAuthorization(string token, string thumbprint) => token + "." + thumbprint;

    /// <summary>Validates; returns null on success, or the problem to record in the challenge.</summary>
    public Task<AcmeProblemView?> ValidateAsync(string type, string domain, string token, string thumbprint, CancellationToken cancellationToken)
        => type == AcmeChallengeTypes.Http01
            ? Http01Async(domain, token, KeyAuthorization(token, thumbprint), cancellationToken)
            : Dns01Async(domain, KeyAuthorization(token, thumbprint), cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<AcmeProblemView?> Http01Async(string domain, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        var url = $"http://{domain}:{_settings.Http01Port}/.well-known/acme-challenge/{token}";
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Problem(AcmeErrors.IncorrectResponse, $"{url} answered {(int)response.StatusCode}.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxHttpBody];
            var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var text = Encoding.ASCII.GetString(buffer, 0, length).Trim();
            return text == keyAuthorization ? null : Problem(AcmeErrors.IncorrectResponse, $"{url} answered '{Shorten(text)}', not the key authorization.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Problem(AcmeErrors.Connection, $"fetching {url} failed: {e.Message}");
        }
    }

    private async Task<AcmeProblemView?> Dns01Async(string domain, string keyAuthorization, CancellationToken cancellationToken)
    {
        var name = "_acme-challenge." + domain;
        var expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization)));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_settings.ValidationTimeoutSeconds));
            var records = await _dns.ResolveTxtAsync(name, timeout.Token);
            return records.Contains(expected) ? null
                : Problem(AcmeErrors.IncorrectResponse, $"no TXT record at {name} holds the digest of the key authorization ({records.Count} found).");
        }
        catch (Exception e) when (e is DnsResponseException or SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Problem(AcmeErrors.Dns, $"looking up TXT {name} failed: {e.Message}");
        }
    }

    private static AcmeProblemView Problem(GmPkiError error, string detail) => AcmeResponses.Problem(error, detail);

    private static string Shorten(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
