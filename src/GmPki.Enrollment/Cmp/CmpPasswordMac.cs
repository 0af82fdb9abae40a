using GmPki.Core.Errors;
using GmPki.Cryptography.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// Password-based MAC protection, <c>id-PasswordBasedMac</c> (1.2.840.113533.7.66.13, RFC 4210
/// §5.1.3.1): the key is the one-way function applied <c>iterationCount</c> times to
/// <c>secret ‖ salt</c>, the MAC is computed over the DER <c>ProtectedPart</c>. Accepted: owf
/// SHA-256 (2.16.840.1.101.3.4.2.1) or SM3 (1.2.156.10197.1.401); mac hmacWithSHA256
/// (1.2.840.113549.2.9, RFC 4231) or HMAC-SM3 (1.2.156.10197.1.401.3.1, GM/T 0091 — the OID
/// BouncyCastle names <c>GMObjectIdentifiers.hmac_sm3</c>); 100 to 100 000 iterations.
/// </summary>
internal static class CmpPasswordMac
{
    /// <summary>HMAC-SM3.</summary>
    public const string HmacSm3 = "1.2.156.10197.1.401.3.1";

    private const string Sha256 = "2.16.840.1.101.3.4.2.1";
    private const string Sm3 = "1.2.156.10197.1.401";
    private const string HmacSha256 = "1.2.840.113549.2.9";
    private const int MinIterations = 100;
    private const int MaxIterations = 100_000;

    /// <summary>Whether <paramref name="algorithm"/> is <c>id-PasswordBasedMac</c>.</summary>
    public static bool Is(AlgorithmIdentifier? algorithm) => algorithm?.Algorithm.Equals(CmpObjectIdentifiers.passwordBasedMac) == true;

    /// <summary>The parameters of a PBM protection algorithm, checked.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for missing parameters, an algorithm not accepted, or an iteration count out of range.</exception>
    public static PbmParameter ParametersOf(AlgorithmIdentifier algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        PbmParameter? parameters;
        int iterations;
        try
        {
            parameters = PbmParameter.GetInstance(algorithm.Parameters);
            iterations = parameters?.IterationCount.IntValueExact ?? 0;
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.RequestInvalid.With("the PBMParameter of the protection algorithm is malformed or its iterationCount out of range (RFC 4210 §5.1.3.1).");
        }

        if (parameters is null || Owf(parameters.Owf) is null || Mac(parameters.Mac) is null || iterations is < MinIterations or > MaxIterations)
        {
            throw Errors.RequestInvalid.With($"password-based MAC accepted with owf SHA-256 or SM3, mac hmacWithSHA256 or HMAC-SM3, {MinIterations}–{MaxIterations} iterations (got owf {parameters?.Owf.Algorithm.Id}, mac {parameters?.Mac.Algorithm.Id}, {iterations}).");
        }

        return parameters;
    }

    /// <summary>The MAC of <paramref name="protectedPart"/> (DER) under <paramref name="secret"/> (UTF-8 of the account's secret) with checked <paramref name="parameters"/>.</summary>
    public static byte[] Compute(PbmParameter parameters, byte[] secret, byte[] protectedPart)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(secret);
        var owf = Owf(parameters.Owf)!;
        var salt = parameters.Salt.GetOctets();
        var key = new byte[owf.GetDigestSize()];
        owf.BlockUpdate(secret, 0, secret.Length);
        owf.BlockUpdate(salt, 0, salt.Length);
        owf.DoFinal(key, 0);
        for (var i = 1; i < parameters.IterationCount.IntValueExact; i++)
        {
            owf.BlockUpdate(key, 0, key.Length);
            owf.DoFinal(key, 0);
        }

        var mac = Mac(parameters.Mac)!;
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(protectedPart, 0, protectedPart.Length);
        return MacUtilities.DoFinal(mac);
    }

    /// <summary>Fresh parameters like <paramref name="request"/>'s (same owf, mac and iterations) with a new 16-byte salt, for the response (RFC 4210 §5.1.3.1).</summary>
    public static AlgorithmIdentifier ForResponse(PbmParameter request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        return new AlgorithmIdentifier(CmpObjectIdentifiers.passwordBasedMac, new PbmParameter(salt, request.Owf, request.IterationCount.IntValueExact, request.Mac));
    }

    private static IDigest? Owf(AlgorithmIdentifier owf) => owf.Algorithm.Id switch
    {
        Sha256 => new Sha256Digest(),
        Sm3 => new SM3Digest(),
        _ => null,
    };

    private static HMac? Mac(AlgorithmIdentifier mac) => mac.Algorithm.Id switch
    {
        HmacSha256 => new HMac(new Sha256Digest()),
        HmacSm3 => new HMac(new SM3Digest()),
        _ => null,
    };
}
