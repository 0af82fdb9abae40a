using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// A JWS in the flattened JSON serialization (RFC 7515 §7.2.2), as every ACME POST body is
/// (RFC 8555 §6.2): the protected header's <c>alg</c>, <c>nonce</c>, <c>url</c> and either
/// <c>jwk</c> or <c>kid</c>, the payload, the signature.
/// </summary>
/// <param name="Header">The decoded protected header.</param>
/// <param name="Protected">The protected header as sent (base64url).</param>
/// <param name="Payload">The payload as sent (base64url; empty for POST-as-GET, §6.3).</param>
/// <param name="Signature">The signature.</param>
internal sealed record AcmeJws(JsonElement Header, string Protected, string Payload, byte[] Signature)
{
    /// <summary>The JWS <c>alg</c>.</summary>
    public string Algorithm => Text("alg") ?? throw AcmeErrors.Malformed.With("the protected header has no 'alg'.");

    /// <summary>The JWS <c>url</c> (§6.4).</summary>
    public string? Url => Text("url");

    /// <summary>The JWS <c>nonce</c> (§6.5).</summary>
    public string? Nonce => Text("nonce");

    /// <summary>The <c>kid</c>: the account URL (§6.2).</summary>
    public string? Kid => Text("kid");

    /// <summary>The <c>jwk</c>, or null.</summary>
    public JsonElement? Jwk => AcmeJson.Member(Header, "jwk");

    /// <summary>The bytes the signature covers (RFC 7515 §5.2).</summary>
    public byte[] SigningInput => Encoding.ASCII.GetBytes(Protected + "." + Payload);

    /// <summary>The payload as JSON, or null for the empty payload of a POST-as-GET.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:malformed</c> when it is not base64url of a JSON object.</exception>
    public JsonElement? PayloadJson()
    {
        if (Payload.Length == 0)
        {
            return null;
        }

        var json = AcmeJson.Parse(Decode(Payload, "payload"), "JWS payload");
        return json.ValueKind == JsonValueKind.Object ? json : throw AcmeErrors.Malformed.With("the payload is not a JSON object.");
    }

    /// <summary>Parses a flattened JWS.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:malformed</c> for anything else (another serialization, bad base64url, a header that is not JSON).</exception>
    public static AcmeJws Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || body.TryGetProperty("signatures", out _))
        {
            throw AcmeErrors.Malformed.With("the body is not a JWS in the flattened JSON serialization (RFC 8555 §6.2).");
        }

        var protectedHeader = String(body, "protected");
        var header = AcmeJson.Parse(Decode(protectedHeader, "protected header"), "JWS protected header");
        if (header.ValueKind != JsonValueKind.Object || body.TryGetProperty("header", out _))
        {
            throw AcmeErrors.Malformed.With("the JWS needs a protected header object and no unprotected header.");
        }

        return new AcmeJws(header, protectedHeader, String(body, "payload"), Decode(String(body, "signature"), "signature"));
    }

    private string? Text(string name) => AcmeJson.Text(Header, name);

    private static string String(JsonElement body, string name)
        => AcmeJson.Text(body, name) ?? throw AcmeErrors.Malformed.With($"the JWS has no '{name}' member.");

    private static byte[] Decode(string value, string what)
    {
        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            throw AcmeErrors.Malformed.With($"the JWS {what} is not base64url.");
        }
    }
}
