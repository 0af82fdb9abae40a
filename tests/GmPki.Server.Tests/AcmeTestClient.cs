using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GmPki.Server.Tests;

/// <summary>What an ACME request got back.</summary>
public sealed record AcmeAnswer(HttpStatusCode Status, string? ContentType, string? Location, string? Nonce, string Raw)
{
    public JsonElement Body => JsonSerializer.Deserialize<JsonElement>(Raw);

    /// <summary>The problem type, e.g. <c>urn:ietf:params:acme:error:badNonce</c>.</summary>
    public string? ProblemType => ContentType == "application/problem+json" ? Body.GetProperty("type").GetString() : null;
}

/// <summary>
/// A minimal ACME client written from RFC 8555 (flattened JWS, ES256 with a P-256 key), for the
/// cases the real clients cannot produce: refusals, dns-01 against a fake resolver, key rollover.
/// </summary>
public sealed class AcmeTestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly JsonElement _directory;

    private AcmeTestClient(HttpClient http, JsonElement directory)
    {
        _http = http;
        _directory = directory;
    }

    public ECDsa Key { get; private set; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The account URL once registered.</summary>
    public string? Kid { get; private set; }

    public static async Task<AcmeTestClient> OpenAsync(RunningServer server)
    {
        var http = server.Authorized(null);
        return new AcmeTestClient(http, await http.GetFromJsonAsync<JsonElement>("/acme/directory"));
    }

    public string Url(string name) => _directory.GetProperty(name).GetString()!;

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static JsonObject Jwk(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return new JsonObject { ["crv"] = "P-256", ["kty"] = "EC", ["x"] = B64(q.X!), ["y"] = B64(q.Y!) };
    }

    /// <summary>The RFC 7638 thumbprint (members already in lexicographic order).</summary>
    public static string Thumbprint(ECDsa key) => B64(SHA256.HashData(Encoding.UTF8.GetBytes(Jwk(key).ToJsonString())));

    /// <summary>A flattened JWS of <paramref name="payload"/> (empty for POST-as-GET) signed ES256 by <paramref name="key"/>.</summary>
    public static JsonObject Jws(ECDsa key, JsonObject header, string payload)
    {
        var protectedHeader = B64(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(protectedHeader + "." + payload), HashAlgorithmName.SHA256);
        return new JsonObject { ["protected"] = protectedHeader, ["payload"] = payload, ["signature"] = B64(signature) };
    }

    public static string Payload(JsonNode? payload) => payload is null ? string.Empty : B64(Encoding.UTF8.GetBytes(payload.ToJsonString()));

    public async Task<string> NonceAsync()
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url("newNonce")));
        return response.Headers.GetValues("Replay-Nonce").Single();
    }

    /// <summary>POSTs a JWS signed with <see cref="Key"/> (or <paramref name="key"/>), naming the account (kid) unless <paramref name="withJwk"/>.</summary>
    public async Task<AcmeAnswer> PostAsync(string url, JsonNode? payload, bool withJwk = false, string? nonce = null, ECDsa? key = null, Func<JsonObject, JsonObject>? tamper = null)
    {
        key ??= Key;
        var header = new JsonObject { ["alg"] = "ES256", ["nonce"] = nonce ?? await NonceAsync(), ["url"] = url };
        header[withJwk ? "jwk" : "kid"] = withJwk ? Jwk(key) : Kid;
        var jws = Jws(key, header, Payload(payload));
        using var content = new StringContent((tamper?.Invoke(jws) ?? jws).ToJsonString());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
        using var response = await _http.PostAsync(url, content);
        return new AcmeAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.Location?.ToString(),
            response.Headers.TryGetValues("Replay-Nonce", out var nonces) ? nonces.Single() : null, await response.Content.ReadAsStringAsync());
    }

    /// <summary>newAccount with an external account binding (none when <paramref name="eabKid"/> is null); remembers the account URL.</summary>
    public async Task<AcmeAnswer> RegisterAsync(string? eabKid, string? eabHmac, bool onlyReturnExisting = false)
    {
        var url = Url("newAccount");
        var payload = new JsonObject { ["termsOfServiceAgreed"] = true, ["contact"] = new JsonArray("mailto:ops@acme-test.example") };
        if (onlyReturnExisting)
        {
            payload["onlyReturnExisting"] = true;
        }

        if (eabKid is not null)
        {
            var header = B64(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = "HS256", ["kid"] = eabKid, ["url"] = url }.ToJsonString()));
            var boundKey = Payload(Jwk(Key));
            var mac = HMACSHA256.HashData(Base64Url.DecodeFromChars(eabHmac), Encoding.ASCII.GetBytes(header + "." + boundKey));
            payload["externalAccountBinding"] = new JsonObject { ["protected"] = header, ["payload"] = boundKey, ["signature"] = B64(mac) };
        }

        var answer = await PostAsync(url, payload, withJwk: true);
        if (answer.Status is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            Kid = answer.Location;
        }

        return answer;
    }

    /// <summary>Replaces the account key (keyChange, RFC 8555 §7.3.5).</summary>
    public async Task<AcmeAnswer> ChangeKeyAsync(ECDsa newKey)
    {
        var url = Url("keyChange");
        var inner = Jws(newKey, new JsonObject { ["alg"] = "ES256", ["jwk"] = Jwk(newKey), ["url"] = url },
            Payload(new JsonObject { ["account"] = Kid, ["oldKey"] = Jwk(Key) }));
        var answer = await PostAsync(url, inner);
        if (answer.Status == HttpStatusCode.OK)
        {
            Key.Dispose();
            Key = newKey;
        }

        return answer;
    }

    public void Dispose()
    {
        Key.Dispose();
        _http.Dispose();
    }
}
