using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// Account keys as JSON Web Keys (RFC 7517, RFC 7518 §6): RSA (2048 bits or more, with RS256)
/// and EC P-256 / P-384 (with ES256 / ES384), the algorithms RFC 8555 §6.2 asks servers to take.
/// </summary>
internal static class AcmeJwk
{
    /// <summary>Smallest RSA modulus accepted, in bits.</summary>
    public const int MinRsaBits = 2048;

    /// <summary>The RFC 7638 thumbprint: base64url of the SHA-256 of the required members in lexicographic order.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:malformed</c> for a key that is not a valid RSA or EC JWK; <c>acme:badSignatureAlgorithm</c> for another key type.</exception>
    public static string Thumbprint(JsonElement jwk)
    {
        var canonical = Type(jwk) switch
        {
            "RSA" => $"{{\"e\":\"{Member(jwk, "e")}\",\"kty\":\"RSA\",\"n\":\"{Member(jwk, "n")}\"}}",
            _ => $"{{\"crv\":\"{CurveName(jwk)}\",\"kty\":\"EC\",\"x\":\"{Member(jwk, "x")}\",\"y\":\"{Member(jwk, "y")}\"}}",
        };
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Whether <paramref name="signature"/> over <paramref name="data"/> verifies with the key under <paramref name="algorithm"/> (JWS <c>alg</c>).</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:badSignatureAlgorithm</c> when the algorithm is not RS256, ES256 or ES384 or does not fit the key; <c>acme:malformed</c> for a bad key.</exception>
    public static bool Verify(JsonElement jwk, string algorithm, byte[] data, byte[] signature)
    {
        using var key = Import(jwk);
        return (key, algorithm) switch
        {
            (RSA rsa, "RS256") => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            (ECDsa ec, "ES256") when ec.KeySize == 256 => ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            (ECDsa ec, "ES384") when ec.KeySize == 384 => ec.VerifyData(data, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => throw AcmeErrors.BadSignatureAlgorithm.With($"JWS algorithm '{algorithm}' does not fit a {Type(jwk)} key of {key.KeySize} bits; this server takes RS256, ES256 (P-256) and ES384 (P-384)."),
        };
    }

    /// <summary>The DER SubjectPublicKeyInfo of the key, to compare with a certificate's (RFC 8555 §7.6, revocation by the certificate key).</summary>
    public static byte[] SubjectPublicKeyInfo(JsonElement jwk)
    {
        using var key = Import(jwk);
        return key.ExportSubjectPublicKeyInfo();
    }

    private static AsymmetricAlgorithm Import(JsonElement jwk)
    {
        try
        {
            if (Type(jwk) == "RSA")
            {
                var rsa = RSA.Create(new RSAParameters { Modulus = Bytes(jwk, "n"), Exponent = Bytes(jwk, "e") });
                if (rsa.KeySize < MinRsaBits)
                {
                    rsa.Dispose();
                    throw AcmeErrors.BadSignatureAlgorithm.With($"RSA account keys have at least {MinRsaBits} bits, not {rsa.KeySize}.");
                }

                return rsa;
            }

            return ECDsa.Create(new ECParameters { Curve = Curve(jwk), Q = new ECPoint { X = Bytes(jwk, "x"), Y = Bytes(jwk, "y") } });
        }
        catch (CryptographicException e)
        {
            throw AcmeErrors.Malformed.With($"the JWK is not a valid public key: {e.Message}");
        }
    }

    private static string Type(JsonElement jwk)
    {
        var type = jwk.ValueKind == JsonValueKind.Object ? Member(jwk, "kty") : throw AcmeErrors.Malformed.With("the jwk header is not a JSON object.");
        return type is "RSA" or "EC" ? type : throw AcmeErrors.BadSignatureAlgorithm.With($"key type '{type}' is not taken; use RSA or EC (P-256, P-384).");
    }

    private static ECCurve Curve(JsonElement jwk) => CurveName(jwk) == "P-256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;

    private static string CurveName(JsonElement jwk)
    {
        var name = Member(jwk, "crv");
        return name is "P-256" or "P-384" ? name : throw AcmeErrors.BadSignatureAlgorithm.With($"curve '{name}' is not taken; use P-256 or P-384.");
    }

    /// <summary>A base64url member, checked to decode (so it is safe to place in the canonical JSON).</summary>
    private static string Member(JsonElement jwk, string name)
    {
        var value = jwk.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString()! : throw AcmeErrors.Malformed.With($"the JWK has no '{name}' member.");
        if (name != "kty" && name != "crv")
        {
            Decode(value, name);
        }

        return value;
    }

    private static byte[] Bytes(JsonElement jwk, string name) => Decode(Member(jwk, name), name);

    private static byte[] Decode(string value, string name)
    {
        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            throw AcmeErrors.Malformed.With($"JWK member '{name}' is not base64url.");
        }
    }
}
