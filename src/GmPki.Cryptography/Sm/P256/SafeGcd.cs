// Constant-time argument: this is the constant-time variant of Bernstein–Yang "safegcd" modular
// inversion as in libsecp256k1's modinv64 (divsteps on 62-bit signed limbs). It always performs
// 10 batches of 59 division steps (590 ≥ the proven bound for 256-bit inputs); each step updates
// its state with masks derived from the data (sign of ζ, low bit of g), never with branches or
// table lookups. Matrix application and normalisation are straight-line limb arithmetic.
using System.Runtime.CompilerServices;

namespace GmPki.Cryptography.Sm.P256;

/// <summary>An odd modulus M &lt; 2^256 as five signed 62-bit limbs, with M⁻¹ mod 2^62.</summary>
internal interface ISignedModulus62
{
    static abstract long S0 { get; }

    static abstract long S1 { get; }

    static abstract long S2 { get; }

    static abstract long S3 { get; }

    static abstract long S4 { get; }

    /// <summary>M⁻¹ mod 2^62.</summary>
    static abstract ulong Inv62 { get; }
}

/// <summary>Constant-time modular inversion by safegcd (Bernstein–Yang), for 256-bit odd moduli.</summary>
/// <typeparam name="TM">The modulus.</typeparam>
internal static class SafeGcd<TM>
    where TM : struct, ISignedModulus62
{
    private const ulong M62 = ulong.MaxValue >> 2;

    /// <summary>r = a⁻¹ mod M for an integer a &lt; M (0 maps to 0). Not in Montgomery form.</summary>
    public static void Invert(in U256 a, out U256 r)
    {
        var d = default(Signed62);
        var e = new Signed62 { V0 = 1 };
        var f = new Signed62 { V0 = TM.S0, V1 = TM.S1, V2 = TM.S2, V3 = TM.S3, V4 = TM.S4 };
        var g = Signed62.From(a);
        long zeta = -1;
        for (var i = 0; i < 10; i++)
        {
            zeta = Divsteps59(zeta, (ulong)f.V0, (ulong)g.V0, out var t);
            UpdateDe(ref d, ref e, t);
            UpdateFg(ref f, ref g, t);
        }

        // g is now 0 and f = ±1 (when a ≠ 0); d holds ±a⁻¹ in (−2M, M).
        Normalize(ref d, f.V4);
        r = d.ToU256();
    }

    /// <summary>Transition matrix of 59 division steps, scaled by 2^62.</summary>
    private struct Trans2x2
    {
        public long U;
        public long V;
        public long Q;
        public long R;
    }

    /// <summary>A signed integer Σ V_i·2^(62i) with limbs V0..V3 in [0, 2^62) once normalised.</summary>
    private struct Signed62
    {
        public long V0;
        public long V1;
        public long V2;
        public long V3;
        public long V4;

        public static Signed62 From(in U256 a) => new()
        {
            V0 = (long)(a.L0 & M62),
            V1 = (long)(((a.L0 >> 62) | (a.L1 << 2)) & M62),
            V2 = (long)(((a.L1 >> 60) | (a.L2 << 4)) & M62),
            V3 = (long)(((a.L2 >> 58) | (a.L3 << 6)) & M62),
            V4 = (long)(a.L3 >> 56),
        };

        public readonly U256 ToU256() => new(
            (ulong)V0 | ((ulong)V1 << 62),
            ((ulong)V1 >> 2) | ((ulong)V2 << 60),
            ((ulong)V2 >> 4) | ((ulong)V3 << 58),
            ((ulong)V3 >> 6) | ((ulong)V4 << 56));
    }

    /// <summary>A signed 128-bit accumulator (Hi:Lo).</summary>
    private struct Acc128
    {
        public ulong Lo;
        public long Hi;

        /// <summary>this += a·b (signed 64×64 → 128).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddMul(long a, long b)
        {
            var hi = (long)U256.Mul64((ulong)a, (ulong)b, out var lo) - ((a >> 63) & b) - ((b >> 63) & a);
            Lo += lo;
            Hi += hi + (long)U256.Lt(Lo, lo);
        }

        /// <summary>this >>= 62 (arithmetic).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Shift62()
        {
            Lo = (Lo >> 62) | ((ulong)Hi << 2);
            Hi >>= 62;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Divsteps59(long zeta, ulong f0, ulong g0, out Trans2x2 t)
    {
        // Start from the identity scaled by 2^3, so that 59 steps scale it by 2^62 in total.
        ulong u = 8, v = 0, q = 0, r = 8;
        ulong f = f0, g = g0;
        for (var i = 3; i < 62; i++)
        {
            // f is always odd. If ζ < 0 and g is odd: (f, g) ← (g, (g − f)/2), ζ ← −ζ − 1 (with
            // the matching row operations on the matrix); if g is odd: g ← (g + f)/2; else g ← g/2.
            var mask1 = (ulong)(zeta >> 63);
            var mask2 = 0UL - (g & 1);
            var x = (f ^ mask1) - mask1;
            var y = (u ^ mask1) - mask1;
            var z = (v ^ mask1) - mask1;
            g += x & mask2;
            q += y & mask2;
            r += z & mask2;
            mask1 &= mask2;
            zeta = (zeta ^ (long)mask1) - 1;
            f += g & mask1;
            u += q & mask1;
            v += r & mask1;
            g >>= 1;
            u <<= 1;
            v <<= 1;
        }

        t.U = (long)u;
        t.V = (long)v;
        t.Q = (long)q;
        t.R = (long)r;
        return zeta;
    }

    /// <summary>[d, e] ← (t·[d, e] + M·[md, me]) / 2^62 with md, me chosen to make the division exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpdateDe(ref Signed62 d, ref Signed62 e, in Trans2x2 t)
    {
        long d0 = d.V0, d1 = d.V1, d2 = d.V2, d3 = d.V3, d4 = d.V4;
        long e0 = e.V0, e1 = e.V1, e2 = e.V2, e3 = e.V3, e4 = e.V4;
        long u = t.U, v = t.V, q = t.Q, r = t.R;

        // md, me start as [u, q] if d < 0 plus [v, r] if e < 0 (keeps the result in range).
        var sd = d4 >> 63;
        var se = e4 >> 63;
        var md = (u & sd) + (v & se);
        var me = (q & sd) + (r & se);
        Acc128 cd = default, ce = default;
        cd.AddMul(u, d0);
        cd.AddMul(v, e0);
        ce.AddMul(q, d0);
        ce.AddMul(r, e0);

        // Choose md, me so the low 62 bits of t·[d, e] + M·[md, me] vanish.
        md -= (long)((TM.Inv62 * cd.Lo + (ulong)md) & M62);
        me -= (long)((TM.Inv62 * ce.Lo + (ulong)me) & M62);
        cd.AddMul(TM.S0, md);
        ce.AddMul(TM.S0, me);
        cd.Shift62();
        ce.Shift62();

        cd.AddMul(u, d1);
        cd.AddMul(v, e1);
        ce.AddMul(q, d1);
        ce.AddMul(r, e1);
        cd.AddMul(TM.S1, md);
        ce.AddMul(TM.S1, me);
        d.V0 = (long)(cd.Lo & M62);
        e.V0 = (long)(ce.Lo & M62);
        cd.Shift62();
        ce.Shift62();

        cd.AddMul(u, d2);
        cd.AddMul(v, e2);
        ce.AddMul(q, d2);
        ce.AddMul(r, e2);
        cd.AddMul(TM.S2, md);
        ce.AddMul(TM.S2, me);
        d.V1 = (long)(cd.Lo & M62);
        e.V1 = (long)(ce.Lo & M62);
        cd.Shift62();
        ce.Shift62();

        cd.AddMul(u, d3);
        cd.AddMul(v, e3);
        ce.AddMul(q, d3);
        ce.AddMul(r, e3);
        cd.AddMul(TM.S3, md);
        ce.AddMul(TM.S3, me);
        d.V2 = (long)(cd.Lo & M62);
        e.V2 = (long)(ce.Lo & M62);
        cd.Shift62();
        ce.Shift62();

        cd.AddMul(u, d4);
        cd.AddMul(v, e4);
        ce.AddMul(q, d4);
        ce.AddMul(r, e4);
        cd.AddMul(TM.S4, md);
        ce.AddMul(TM.S4, me);
        d.V3 = (long)(cd.Lo & M62);
        e.V3 = (long)(ce.Lo & M62);
        cd.Shift62();
        ce.Shift62();

        d.V4 = (long)cd.Lo;
        e.V4 = (long)ce.Lo;
    }

    /// <summary>[f, g] ← t·[f, g] / 2^62 (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpdateFg(ref Signed62 f, ref Signed62 g, in Trans2x2 t)
    {
        long f0 = f.V0, f1 = f.V1, f2 = f.V2, f3 = f.V3, f4 = f.V4;
        long g0 = g.V0, g1 = g.V1, g2 = g.V2, g3 = g.V3, g4 = g.V4;
        long u = t.U, v = t.V, q = t.Q, r = t.R;
        Acc128 cf = default, cg = default;
        cf.AddMul(u, f0);
        cf.AddMul(v, g0);
        cg.AddMul(q, f0);
        cg.AddMul(r, g0);
        cf.Shift62();
        cg.Shift62();

        cf.AddMul(u, f1);
        cf.AddMul(v, g1);
        cg.AddMul(q, f1);
        cg.AddMul(r, g1);
        f.V0 = (long)(cf.Lo & M62);
        g.V0 = (long)(cg.Lo & M62);
        cf.Shift62();
        cg.Shift62();

        cf.AddMul(u, f2);
        cf.AddMul(v, g2);
        cg.AddMul(q, f2);
        cg.AddMul(r, g2);
        f.V1 = (long)(cf.Lo & M62);
        g.V1 = (long)(cg.Lo & M62);
        cf.Shift62();
        cg.Shift62();

        cf.AddMul(u, f3);
        cf.AddMul(v, g3);
        cg.AddMul(q, f3);
        cg.AddMul(r, g3);
        f.V2 = (long)(cf.Lo & M62);
        g.V2 = (long)(cg.Lo & M62);
        cf.Shift62();
        cg.Shift62();

        cf.AddMul(u, f4);
        cf.AddMul(v, g4);
        cg.AddMul(q, f4);
        cg.AddMul(r, g4);
        f.V3 = (long)(cf.Lo & M62);
        g.V3 = (long)(cg.Lo & M62);
        cf.Shift62();
        cg.Shift62();

        f.V4 = (long)cf.Lo;
        g.V4 = (long)cg.Lo;
    }

    /// <summary>Brings d from (−2M, M) to [0, M), negating first when <paramref name="sign"/> &lt; 0.</summary>
    private static void Normalize(ref Signed62 d, long sign)
    {
        const long m62 = (long)M62;
        long r0 = d.V0, r1 = d.V1, r2 = d.V2, r3 = d.V3, r4 = d.V4;

        var condAdd = r4 >> 63;
        r0 += TM.S0 & condAdd;
        r1 += TM.S1 & condAdd;
        r2 += TM.S2 & condAdd;
        r3 += TM.S3 & condAdd;
        r4 += TM.S4 & condAdd;
        var condNegate = sign >> 63;
        r0 = (r0 ^ condNegate) - condNegate;
        r1 = (r1 ^ condNegate) - condNegate;
        r2 = (r2 ^ condNegate) - condNegate;
        r3 = (r3 ^ condNegate) - condNegate;
        r4 = (r4 ^ condNegate) - condNegate;
        r1 += r0 >> 62;
        r0 &= m62;
        r2 += r1 >> 62;
        r1 &= m62;
        r3 += r2 >> 62;
        r2 &= m62;
        r4 += r3 >> 62;
        r3 &= m62;

        condAdd = r4 >> 63;
        r0 += TM.S0 & condAdd;
        r1 += TM.S1 & condAdd;
        r2 += TM.S2 & condAdd;
        r3 += TM.S3 & condAdd;
        r4 += TM.S4 & condAdd;
        r1 += r0 >> 62;
        r0 &= m62;
        r2 += r1 >> 62;
        r1 &= m62;
        r3 += r2 >> 62;
        r2 &= m62;
        r4 += r3 >> 62;
        r3 &= m62;

        d.V0 = r0;
        d.V1 = r1;
        d.V2 = r2;
        d.V3 = r3;
        d.V4 = r4;
    }
}
