// Constant-time argument: Double, AddMixed and ToAffine are straight-line sequences of field
// operations (themselves constant time) with no branch on coordinates; they are the routines used
// on secret points. AddVartime branches on coordinates and is only used on public data
// (verification and building the public base-point tables).
namespace GmPki.Cryptography.Sm.P256;

/// <summary>An affine point (x, y), coordinates in Montgomery form; (0, 0) stands for infinity where stated.</summary>
internal struct AffinePoint
{
    public U256 X;
    public U256 Y;
}

/// <summary>A Jacobian point (X : Y : Z) = (X/Z², Y/Z³), coordinates in Montgomery form; Z = 0 is infinity.</summary>
internal struct JacobianPoint
{
    public U256 X;
    public U256 Y;
    public U256 Z;
}

/// <summary>Group law of sm2p256v1: y² = x³ − 3x + b over GF(p).</summary>
internal static class Sm2Point
{
    /// <summary>The base point G (Montgomery form).</summary>
    public static readonly AffinePoint G = new()
    {
        X = new(0x61328990F418029EUL, 0x3E7981EDDCA6C050UL, 0xD6A1ED99AC24C3C3UL, 0x91167A5EE1C13B05UL),
        Y = new(0xC1354E593C2D0DDDUL, 0xC1F5E5788D3295FAUL, 0x8D4CFB066E2A48F8UL, 0x63CD65D481D735BDUL),
    };

    /// <summary>The Jacobian form of an affine point (Z = 1).</summary>
    public static JacobianPoint FromAffine(in AffinePoint a) => new() { X = a.X, Y = a.Y, Z = Sm2Field.One };

    /// <summary>r = 2p (dbl-2001-b for a = −3 with Z3 = 2YZ: 4M + 4S); infinity maps to infinity.</summary>
    public static void Double(in JacobianPoint p, out JacobianPoint r)
    {
        Sm2Field.Sqr(p.Z, out var delta);
        Sm2Field.Sqr(p.Y, out var gamma);
        Sm2Field.Mul(p.X, gamma, out var beta);
        Sm2Field.Sub(p.X, delta, out var t0);
        Sm2Field.Add(p.X, delta, out var t1);
        Sm2Field.Mul(t0, t1, out var t2);
        Sm2Field.Dbl(t2, out var alpha);
        Sm2Field.Add(alpha, t2, out alpha);
        Sm2Field.Mul(p.Y, p.Z, out t0);
        Sm2Field.Dbl(t0, out var z3); // 2YZ (= (Y + Z)² − γ − δ, with two fewer additions)
        Sm2Field.Dbl(beta, out beta);
        Sm2Field.Dbl(beta, out beta); // 4β
        Sm2Field.Sqr(alpha, out var x3);
        Sm2Field.Dbl(beta, out t0);
        Sm2Field.Sub(x3, t0, out x3); // α² − 8β
        Sm2Field.Sub(beta, x3, out t0);
        Sm2Field.Mul(alpha, t0, out var y3);
        Sm2Field.Sqr(gamma, out t1);
        Sm2Field.Dbl(t1, out t1);
        Sm2Field.Dbl(t1, out t1);
        Sm2Field.Dbl(t1, out t1); // 8γ²
        Sm2Field.Sub(y3, t1, out r.Y);
        r.X = x3;
        r.Z = z3;
    }

    /// <summary>
    /// r = p + q with q affine (8M + 3S). Requires p ≠ ±q and neither at infinity; callers
    /// handle those cases (with masks on secret data).
    /// </summary>
    public static void AddMixed(in JacobianPoint p, in AffinePoint q, out JacobianPoint r)
    {
        Sm2Field.Sqr(p.Z, out var z1z1);
        Sm2Field.Mul(q.X, z1z1, out var u2);
        Sm2Field.Mul(z1z1, p.Z, out var t0);
        Sm2Field.Mul(q.Y, t0, out var s2);
        Sm2Field.Sub(u2, p.X, out var h);
        Sm2Field.Sub(s2, p.Y, out var rr);
        Sm2Field.Mul(h, p.Z, out var z3);
        Sm2Field.Sqr(h, out var hh);
        Sm2Field.Mul(hh, h, out var hhh);
        Sm2Field.Mul(p.X, hh, out var v);
        Sm2Field.Sqr(rr, out var x3);
        Sm2Field.Sub(x3, hhh, out x3);
        Sm2Field.Dbl(v, out t0);
        Sm2Field.Sub(x3, t0, out x3);
        Sm2Field.Sub(v, x3, out t0);
        Sm2Field.Mul(rr, t0, out var y3);
        Sm2Field.Mul(p.Y, hhh, out t0);
        Sm2Field.Sub(y3, t0, out r.Y);
        r.X = x3;
        r.Z = z3;
    }

    /// <summary>r = p + q for any points, branching on the coordinates: public data only.</summary>
    public static void AddVartime(in JacobianPoint p, in JacobianPoint q, out JacobianPoint r)
    {
        if (IsInfinityVartime(p))
        {
            r = q;
            return;
        }

        if (IsInfinityVartime(q))
        {
            r = p;
            return;
        }

        Sm2Field.Sqr(p.Z, out var z1z1);
        Sm2Field.Sqr(q.Z, out var z2z2);
        Sm2Field.Mul(p.X, z2z2, out var u1);
        Sm2Field.Mul(q.X, z1z1, out var u2);
        Sm2Field.Mul(q.Z, z2z2, out var t0);
        Sm2Field.Mul(p.Y, t0, out var s1);
        Sm2Field.Mul(p.Z, z1z1, out t0);
        Sm2Field.Mul(q.Y, t0, out var s2);
        Sm2Field.Sub(u2, u1, out var h);
        Sm2Field.Sub(s2, s1, out var rr);
        if (h.IsZeroMask() != 0)
        {
            if (rr.IsZeroMask() != 0)
            {
                Double(p, out r);
            }
            else
            {
                r = default;
            }

            return;
        }

        Sm2Field.Mul(p.Z, q.Z, out t0);
        Sm2Field.Mul(t0, h, out var z3);
        Sm2Field.Sqr(h, out var hh);
        Sm2Field.Mul(hh, h, out var hhh);
        Sm2Field.Mul(u1, hh, out var v);
        Sm2Field.Sqr(rr, out var x3);
        Sm2Field.Sub(x3, hhh, out x3);
        Sm2Field.Dbl(v, out t0);
        Sm2Field.Sub(x3, t0, out x3);
        Sm2Field.Sub(v, x3, out t0);
        Sm2Field.Mul(rr, t0, out var y3);
        Sm2Field.Mul(s1, hhh, out t0);
        Sm2Field.Sub(y3, t0, out r.Y);
        r.X = x3;
        r.Z = z3;
    }

    /// <summary>r = p + q (q affine, not infinity) for any p, branching on the coordinates: public data only.</summary>
    public static void AddMixedVartime(in JacobianPoint p, in AffinePoint q, out JacobianPoint r)
    {
        if (IsInfinityVartime(p))
        {
            r = FromAffine(q);
            return;
        }

        Sm2Field.Sqr(p.Z, out var z1z1);
        Sm2Field.Mul(q.X, z1z1, out var u2);
        Sm2Field.Sub(u2, p.X, out var h);
        if (h.IsZeroMask() != 0)
        {
            var full = FromAffine(q);
            AddVartime(p, full, out r);
            return;
        }

        AddMixed(p, q, out r);
    }

    /// <summary>True when Z = 0 (branches: public data only).</summary>
    public static bool IsInfinityVartime(in JacobianPoint p) => p.Z.IsZeroMask() != 0;

    /// <summary>Affine coordinates (Montgomery form) of a finite point, constant time; infinity gives (0, 0).</summary>
    public static void ToAffine(in JacobianPoint p, out AffinePoint r)
    {
        Sm2Field.Inv(p.Z, out var zInv);
        Sm2Field.Sqr(zInv, out var zInv2);
        Sm2Field.Mul(p.X, zInv2, out r.X);
        Sm2Field.Mul(zInv2, zInv, out var zInv3);
        Sm2Field.Mul(p.Y, zInv3, out r.Y);
    }

    /// <summary>
    /// Affine forms of finite points with one field inversion (Montgomery's trick). Constant
    /// time for a given count; <paramref name="prefix"/> is scratch space of the same length.
    /// </summary>
    public static void BatchToAffine(ReadOnlySpan<JacobianPoint> points, Span<AffinePoint> result, Span<U256> prefix)
    {
        prefix[0] = points[0].Z;
        for (var j = 1; j < points.Length; j++)
        {
            Sm2Field.Mul(prefix[j - 1], points[j].Z, out prefix[j]);
        }

        Sm2Field.Inv(prefix[points.Length - 1], out var inv);
        for (var j = points.Length - 1; j >= 0; j--)
        {
            var zInv = inv;
            if (j > 0)
            {
                Sm2Field.Mul(inv, prefix[j - 1], out zInv);
                Sm2Field.Mul(inv, points[j].Z, out inv);
            }

            Sm2Field.Sqr(zInv, out var zInv2);
            Sm2Field.Mul(zInv2, zInv, out var zInv3);
            Sm2Field.Mul(points[j].X, zInv2, out result[j].X);
            Sm2Field.Mul(points[j].Y, zInv3, out result[j].Y);
        }
    }

    /// <summary>r = −p (y negated; constant time).</summary>
    public static void Negate(in AffinePoint p, out AffinePoint r)
    {
        r.X = p.X;
        Sm2Field.Neg(p.Y, out r.Y);
    }

    /// <summary>True when (x, y) (Montgomery form, below p) satisfies y² = x³ − 3x + b.</summary>
    public static bool IsOnCurve(in AffinePoint a)
    {
        Sm2Field.Sqr(a.Y, out var lhs);
        Sm2Field.Sqr(a.X, out var rhs);
        Sm2Field.Mul(rhs, a.X, out rhs);
        Sm2Field.Dbl(a.X, out var threeX);
        Sm2Field.Add(threeX, a.X, out threeX);
        Sm2Field.Sub(rhs, threeX, out rhs);
        Sm2Field.Add(rhs, Sm2Field.B, out rhs);
        return U256.EqualMask(lhs, rhs) != 0;
    }
}
