using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Kmc;
using GmPki.Kmc.Messages;

namespace GmPki.Hosting.Kmc;

/// <summary>
/// A KMC on another host, reached over HTTPS with this CA's TLS client certificate (docs/kmc.md
/// "Remote KMC"; a GmPki host with the KMC serves <c>/kmc/v1</c>). The KMC's refusals
/// come back as <see cref="GmPkiException"/>s with the KMC's code, kind (from the HTTP status) and
/// detail, so the registration workflow treats them as it treats the embedded KMC's.
/// </summary>
public sealed class RemoteKmc : IKeyManagementCentre, IDisposable
{
    private readonly HttpClient _client;

    /// <summary>Creates the client; nothing is sent until the first request.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The PEM files cannot be read.</exception>
    public RemoteKmc(RemoteKmcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = new HttpClient(KmcTls.Handler(options))
        {
            BaseAddress = new Uri(options.Url.AbsoluteUri.TrimEnd('/') + KmcWire.Prefix + "/"),
            Timeout = options.Timeout,
        };
    }

    /// <inheritdoc/>
    /// <exception cref="GmPkiException">Also <c>kmc-unreachable</c> (503) when the KMC does not answer.</exception>
    public async Task<ApplyKeyResponse> ApplyAsync(ApplyKeyRequest request, CancellationToken cancellationToken)
        => (await PostAsync<ApplyKeyRequest, ApplyKeyResponse>(KmcWire.Apply, request, cancellationToken))!;

    /// <inheritdoc/>
    /// <exception cref="GmPkiException">Also <c>kmc-unreachable</c> (503) when the KMC does not answer.</exception>
    public async Task<RecoverKeyResponse> RecoverAsync(RecoverKeyRequest request, CancellationToken cancellationToken)
        => (await PostAsync<RecoverKeyRequest, RecoverKeyResponse>(KmcWire.Recover, request, cancellationToken))!;

    /// <inheritdoc/>
    /// <exception cref="GmPkiException">Also <c>kmc-unreachable</c> (503) when the KMC does not answer.</exception>
    public Task RevokeAsync(ChangeKeyStateRequest request, CancellationToken cancellationToken)
        => PostAsync<ChangeKeyStateRequest, object>(KmcWire.Revoke, request, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="GmPkiException">Also <c>kmc-unreachable</c> (503) when the KMC does not answer.</exception>
    public Task ArchiveAsync(ChangeKeyStateRequest request, CancellationToken cancellationToken)
        => PostAsync<ChangeKeyStateRequest, object>(KmcWire.Archive, request, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="GmPkiException">Also <c>kmc-unreachable</c> (503) when the KMC does not answer.</exception>
    public async Task<DevicePersonalisation> PersonaliseDeviceAsync(DevicePersonaliseRequest request, CancellationToken cancellationToken)
        => (await PostAsync<DevicePersonaliseRequest, DevicePersonalisation>(KmcWire.Personalise, request, cancellationToken))!;

    /// <inheritdoc/>
    /// <exception cref="GmPkiException">Also <c>kmc-unreachable</c> (503) when the KMC does not answer.</exception>
    public async Task<DeviceUnlockResponse> UnlockDeviceAsync(DeviceUnlockRequest request, CancellationToken cancellationToken)
        => (await PostAsync<DeviceUnlockRequest, DeviceUnlockResponse>(KmcWire.Unlock, request, cancellationToken))!;

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    /// <summary>Posts <paramref name="request"/>; the answer's body, or default for 204.</summary>
    /// <exception cref="GmPkiException">The KMC's refusal; <c>kmc-unreachable</c> for a network, TLS or timeout failure, a 401, or an answer that is not a KMC's.</exception>
    private async Task<TResponse?> PostAsync<TRequest, TResponse>(string path, TRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.PostAsJsonAsync(path, request, KmcWire.Json, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response.StatusCode == HttpStatusCode.NoContent ? default
                    : await response.Content.ReadFromJsonAsync<TResponse>(KmcWire.Json, cancellationToken) ?? throw Unreachable($"the KMC answered {path} with an empty body.");
            }

            throw await RefusalAsync(response, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable($"the KMC at {_client.BaseAddress} cannot be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"the KMC at {_client.BaseAddress} did not answer within {_client.Timeout.TotalSeconds:0} s.", e);
        }
        catch (JsonException e)
        {
            throw Unreachable($"the KMC's answer to {path} is not valid JSON for it: {e.Message}", e);
        }
    }

    /// <summary>The KMC's problem document as the error it names (RFC 9457 <c>code</c>, <c>title</c>, <c>detail</c>; kind from the status).</summary>
    private static async Task<GmPkiException> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var code = problem.TryGetProperty("code", out var c) ? c.GetString() : null;
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        if (code is null || response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return Unreachable($"the KMC refused the request with {(int)response.StatusCode} {code}: {detail}");
        }

        var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
        return new GmPkiError(code, KindOf(response.StatusCode), title ?? code).With("KMC: " + detail);
    }

    private static GmPkiException Unreachable(string detail, Exception? inner = null)
        => inner is null ? KmcErrors.Unreachable.With(detail) : KmcErrors.Unreachable.With(detail, inner);

    /// <summary>The error kind of an HTTP status the KMC answered with (the inverse of the host's status mapping, docs/errors.md; other statuses are <see cref="ErrorKind.Internal"/>).</summary>
    private static ErrorKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => ErrorKind.Invalid,
        HttpStatusCode.Unauthorized => ErrorKind.Unauthenticated,
        HttpStatusCode.Forbidden => ErrorKind.Forbidden,
        HttpStatusCode.NotFound => ErrorKind.NotFound,
        HttpStatusCode.Conflict => ErrorKind.Conflict,
        HttpStatusCode.RequestEntityTooLarge => ErrorKind.TooLarge,
        HttpStatusCode.UnsupportedMediaType => ErrorKind.UnsupportedMediaType,
        HttpStatusCode.UnprocessableEntity => ErrorKind.Unprocessable,
        HttpStatusCode.ServiceUnavailable => ErrorKind.Unavailable,
        _ => ErrorKind.Internal,
    };
}
