// Constant-time argument: the secrets are d (held by Sm2PrivateKey) and k. k·G runs through the
// constant-time Sm2BaseTable.MulBase; x1, r = (e + x1) mod n and s = (1 + d)⁻¹·(k − r·d) mod n
// are computed with straight-line modular arithmetic. The only branches are on (a) whether a
// freshly drawn k is in [1, n − 1] (rejection sampling: a rejected value is discarded, so the
// branch reveals nothing about the k that is used), and (b) the combined verdict
// "r = 0 or r + k = n or s = 0", which reveals only that a retry happened (probability ≈ 2^−254).
// r and s are public once returned. Verification handles public data only and is variable time.
using System.Security.Cryptography;

namespace GmPki.Cryptography.Sm.P256;

/// <summary>Fills a buffer with random bytes (used to draw the per-signature secret k).</summary>
internal delegate void RandomFill(Span<byte> destination);

/// <summary>
/// SM2 signatures on sm2p256v1 (GB/T 32918.2 §6.1 and §7.1) from the digest e = SM3(Z_A ‖ M),
/// and public-key derivation. All values are 32-byte big-endian strings.
/// </summary>
internal static class Sm2Engine
{
    /// <summary>Signs e (32 bytes) with a k drawn from <paramref name="random"/> (a CSPRNG when null); returns DER.</summary>
    public static byte[] Sign(Sm2PrivateKey key, ReadOnlySpan<byte> e, RandomFill? random = null)
    {
        Span<byte> rs = stackalloc byte[64];
        Sign(key, e, rs, random);
        return Sm2SignatureDer.Encode(rs[..32], rs[32..]);
    }

    /// <summary>Signs e into <paramref name="rs"/> (r ‖ s, 64 bytes).</summary>
    public static void Sign(Sm2PrivateKey key, ReadOnlySpan<byte> e, Span<byte> rs, RandomFill? random = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> kBytes = stackalloc byte[32];
        try
        {
            while (true)
            {
                if (random is null)
                {
                    RandomNumberGenerator.Fill(kBytes);
                }
                else
                {
                    random(kBytes);
                }

                if (TrySignWithK(key, e, kBytes, rs))
                {
                    return;
                }
            }
        }
        finally
        {
            kBytes.Clear();
        }
    }

    /// <summary>
    /// One signing attempt with an explicit k (known-answer tests, and the body of
    /// <see cref="Sign(Sm2PrivateKey, ReadOnlySpan{byte}, Span{byte}, RandomFill?)"/>). False, with
    /// <paramref name="rs"/> cleared, when k ∉ [1, n − 1], r = 0, r + k = n or s = 0.
    /// </summary>
    internal static bool TrySignWithK(Sm2PrivateKey key, ReadOnlySpan<byte> e, ReadOnlySpan<byte> kBytes, Span<byte> rs)
    {
        var k = U256.FromBigEndian(kBytes);
        if ((Sm2Scalar.LessThanOrderMask(k) & ~k.IsZeroMask()) == 0)
        {
            return false;
        }

        var eValue = U256.FromBigEndian(e);
        Sm2Scalar.Reduce(eValue, out eValue);

        // (x1, y1) = k·G; r = (e + x1) mod n.
        Sm2BaseTable.MulBase(k, out var kg);
        Sm2Point.ToAffine(kg, out var point);
        Sm2Field.FromMontgomery(point.X, out var x1);
        Sm2Scalar.Reduce(x1, out x1);
        Sm2Scalar.Add(eValue, x1, out var r);

        // s = (1 + d)⁻¹·(k − r·d) mod n. Montgomery products of a plain and a Montgomery-form
        // operand are plain: r·(dR)·R⁻¹ = r·d.
        Sm2Scalar.Mul(r, key.DMontgomery, out var rd);
        Sm2Scalar.Sub(k, rd, out var t);
        Sm2Scalar.Mul(t, key.OnePlusDInverseMontgomery, out var s);

        Sm2Scalar.Add(r, k, out var rPlusK);
        var bad = r.IsZeroMask() | rPlusK.IsZeroMask() | s.IsZeroMask();
        k = default;
        t = default;
        if (bad != 0)
        {
            rs.Clear();
            return false;
        }

        r.ToBigEndian(rs);
        s.ToBigEndian(rs[32..]);
        return true;
    }

    /// <summary>Verifies a DER signature over e against the affine public key (x, y); false for anything malformed.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicX, ReadOnlySpan<byte> publicY, ReadOnlySpan<byte> e, ReadOnlySpan<byte> derSignature)
    {
        Span<byte> rs = stackalloc byte[64];
        return Sm2SignatureDer.TryDecode(derSignature, rs[..32], rs[32..]) && Verify(publicX, publicY, e, rs[..32], rs[32..]);
    }

    /// <summary>Verifies (r, s) over e against the affine public key (x, y), GB/T 32918.2 §7.1.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicX, ReadOnlySpan<byte> publicY, ReadOnlySpan<byte> e, ReadOnlySpan<byte> rBytes, ReadOnlySpan<byte> sBytes)
        => TryLoadPublicKey(publicX, publicY, out var q) && Verify(q, null, e, rBytes, sBytes);

    /// <summary>Verifies a DER signature over e against a prepared key (which may use its precomputed table).</summary>
    public static bool Verify(Sm2VerificationKey key, ReadOnlySpan<byte> e, ReadOnlySpan<byte> derSignature)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> rs = stackalloc byte[64];
        return Sm2SignatureDer.TryDecode(derSignature, rs[..32], rs[32..]) && Verify(key.Point, key, e, rs[..32], rs[32..]);
    }

    private static bool Verify(in AffinePoint q, Sm2VerificationKey? key, ReadOnlySpan<byte> e, ReadOnlySpan<byte> rBytes, ReadOnlySpan<byte> sBytes)
    {
        var r = U256.FromBigEndian(rBytes);
        var s = U256.FromBigEndian(sBytes);
        if (r.IsZeroMask() != 0 || s.IsZeroMask() != 0 || Sm2Scalar.LessThanOrderMask(r) == 0 || Sm2Scalar.LessThanOrderMask(s) == 0)
        {
            return false;
        }

        Sm2Scalar.Add(r, s, out var t);
        if (t.IsZeroMask() != 0)
        {
            return false;
        }

        var table = key?.TableForThisUse();
        JacobianPoint sum;
        if (table is null)
        {
            Sm2VarMul.MulDoubleVartime(s, t, q, out sum);
        }
        else
        {
            table.MulVartime(t, out var tq);
            Sm2BaseTable.MulBaseVartime(s, out var sg);
            Sm2Point.AddVartime(sg, tq, out sum);
        }

        if (Sm2Point.IsInfinityVartime(sum))
        {
            return false;
        }

        // R = (e + x1) mod n = r ⇔ x1 ≡ r − e (mod n), and x1 < p < 2n leaves the candidates
        // c = (r − e) mod n and c + n (when below p). Compare X with c·Z² instead of inverting Z.
        var eValue = U256.FromBigEndian(e);
        Sm2Scalar.Reduce(eValue, out eValue);
        Sm2Scalar.Sub(r, eValue, out var c);
        Sm2Field.Sqr(sum.Z, out var z2);
        if (MatchesX(c, sum.X, z2))
        {
            return true;
        }

        var carry = U256.Add(c, Sm2Scalar.N, out var cPlusN);
        return carry == 0 && Sm2Field.IsCanonicalMask(cPlusN) != 0 && MatchesX(cPlusN, sum.X, z2);
    }

    /// <summary>d·G (constant time) as affine integers; d must be in [1, n − 1].</summary>
    public static void PublicKey(in U256 d, out U256 x, out U256 y)
    {
        Sm2BaseTable.MulBase(d, out var p);
        Sm2Point.ToAffine(p, out var a);
        Sm2Field.FromMontgomery(a.X, out x);
        Sm2Field.FromMontgomery(a.Y, out y);
    }

    /// <summary>Loads and validates an affine public key (coordinates below p, on the curve).</summary>
    internal static bool TryLoadPublicKey(ReadOnlySpan<byte> publicX, ReadOnlySpan<byte> publicY, out AffinePoint q)
    {
        q = default;
        if (publicX.Length != 32 || publicY.Length != 32)
        {
            return false;
        }

        var x = U256.FromBigEndian(publicX);
        var y = U256.FromBigEndian(publicY);
        if (Sm2Field.IsCanonicalMask(x) == 0 || Sm2Field.IsCanonicalMask(y) == 0)
        {
            return false;
        }

        Sm2Field.ToMontgomery(x, out q.X);
        Sm2Field.ToMontgomery(y, out q.Y);
        return Sm2Point.IsOnCurve(q);
    }

    private static bool MatchesX(in U256 candidate, in U256 jacobianX, in U256 z2)
    {
        Sm2Field.ToMontgomery(candidate, out var c);
        Sm2Field.Mul(c, z2, out var cz2);
        return U256.EqualMask(cz2, jacobianX) != 0;
    }
}
