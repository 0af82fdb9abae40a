// Constant-time argument: Montgomery multiplication, squaring, addition and subtraction below are
// straight-line limb arithmetic (Math.BigMul and U256 carry helpers). The final conditional
// subtraction is a mask select, so running time and memory access never depend on operand values.
// The modulus is a compile-time constant supplied through a struct type argument, which the JIT
// specialises, so the constants fold into the code.
using System.Runtime.CompilerServices;

namespace GmPki.Cryptography.Sm.P256;

/// <summary>A 256-bit odd modulus M (with M &gt; 2^255) for <see cref="Montgomery{TM}"/>.</summary>
internal interface IModulus256
{
    /// <summary>Limb 0 (least significant) of M.</summary>
    static abstract ulong M0 { get; }

    /// <summary>Limb 1 of M.</summary>
    static abstract ulong M1 { get; }

    /// <summary>Limb 2 of M.</summary>
    static abstract ulong M2 { get; }

    /// <summary>Limb 3 of M.</summary>
    static abstract ulong M3 { get; }

    /// <summary>−M⁻¹ mod 2^64.</summary>
    static abstract ulong NegInv { get; }
}

/// <summary>
/// Montgomery arithmetic modulo M with R = 2^256. Elements are <see cref="U256"/> values below M.
/// Multiplication returns a fully reduced result whenever one operand is below M (the other may
/// be any 256-bit value); addition and subtraction require both operands below M.
/// </summary>
/// <typeparam name="TM">The modulus.</typeparam>
internal static class Montgomery<TM>
    where TM : struct, IModulus256
{
    /// <summary>M as a value.</summary>
    public static U256 Modulus => new(TM.M0, TM.M1, TM.M2, TM.M3);

    /// <summary>r = a·b·R⁻¹ mod M (product scanning with interleaved reduction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Mul(in U256 a, in U256 b, out U256 r)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
        ulong b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;
        ulong c0 = 0, c1 = 0, c2 = 0;

        // Column k accumulates Σ a_i·b_j + Σ m_i·M_j over i + j = k in the 192-bit (c2, c1, c0);
        // m_k is chosen so that column k's low word vanishes, then the accumulator shifts down.
        Mac(a0, b0, ref c0, ref c1, ref c2);
        var m0 = ReduceColumn(ref c0, ref c1, ref c2);

        Mac(a0, b1, ref c0, ref c1, ref c2);
        Mac(a1, b0, ref c0, ref c1, ref c2);
        Mac(m0, TM.M1, ref c0, ref c1, ref c2);
        var m1 = ReduceColumn(ref c0, ref c1, ref c2);

        Mac(a0, b2, ref c0, ref c1, ref c2);
        Mac(a1, b1, ref c0, ref c1, ref c2);
        Mac(a2, b0, ref c0, ref c1, ref c2);
        Mac(m0, TM.M2, ref c0, ref c1, ref c2);
        Mac(m1, TM.M1, ref c0, ref c1, ref c2);
        var m2 = ReduceColumn(ref c0, ref c1, ref c2);

        Mac(a0, b3, ref c0, ref c1, ref c2);
        Mac(a1, b2, ref c0, ref c1, ref c2);
        Mac(a2, b1, ref c0, ref c1, ref c2);
        Mac(a3, b0, ref c0, ref c1, ref c2);
        Mac(m0, TM.M3, ref c0, ref c1, ref c2);
        Mac(m1, TM.M2, ref c0, ref c1, ref c2);
        Mac(m2, TM.M1, ref c0, ref c1, ref c2);
        var m3 = ReduceColumn(ref c0, ref c1, ref c2);

        Mac(a1, b3, ref c0, ref c1, ref c2);
        Mac(a2, b2, ref c0, ref c1, ref c2);
        Mac(a3, b1, ref c0, ref c1, ref c2);
        Mac(m1, TM.M3, ref c0, ref c1, ref c2);
        Mac(m2, TM.M2, ref c0, ref c1, ref c2);
        Mac(m3, TM.M1, ref c0, ref c1, ref c2);
        var r0 = Shift(ref c0, ref c1, ref c2);

        Mac(a2, b3, ref c0, ref c1, ref c2);
        Mac(a3, b2, ref c0, ref c1, ref c2);
        Mac(m2, TM.M3, ref c0, ref c1, ref c2);
        Mac(m3, TM.M2, ref c0, ref c1, ref c2);
        var r1 = Shift(ref c0, ref c1, ref c2);

        Mac(a3, b3, ref c0, ref c1, ref c2);
        Mac(m3, TM.M3, ref c0, ref c1, ref c2);
        var r2 = Shift(ref c0, ref c1, ref c2);

        FinalSubtract(r0, r1, r2, c0, c1, out r);
    }

    /// <summary>r = a²·R⁻¹ mod M (product scanning, off-diagonal products computed once and added twice).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sqr(in U256 a, out U256 r)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
        ulong c0 = 0, c1 = 0, c2 = 0;
        ulong hi, lo;

        Mac(a0, a0, ref c0, ref c1, ref c2);
        var m0 = ReduceColumn(ref c0, ref c1, ref c2);

        hi = U256.Mul64(a0, a1, out lo);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Mac(m0, TM.M1, ref c0, ref c1, ref c2);
        var m1 = ReduceColumn(ref c0, ref c1, ref c2);

        hi = U256.Mul64(a0, a2, out lo);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Mac(a1, a1, ref c0, ref c1, ref c2);
        Mac(m0, TM.M2, ref c0, ref c1, ref c2);
        Mac(m1, TM.M1, ref c0, ref c1, ref c2);
        var m2 = ReduceColumn(ref c0, ref c1, ref c2);

        hi = U256.Mul64(a0, a3, out lo);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        hi = U256.Mul64(a1, a2, out lo);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Mac(m0, TM.M3, ref c0, ref c1, ref c2);
        Mac(m1, TM.M2, ref c0, ref c1, ref c2);
        Mac(m2, TM.M1, ref c0, ref c1, ref c2);
        var m3 = ReduceColumn(ref c0, ref c1, ref c2);

        hi = U256.Mul64(a1, a3, out lo);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Mac(a2, a2, ref c0, ref c1, ref c2);
        Mac(m1, TM.M3, ref c0, ref c1, ref c2);
        Mac(m2, TM.M2, ref c0, ref c1, ref c2);
        Mac(m3, TM.M1, ref c0, ref c1, ref c2);
        var r0 = Shift(ref c0, ref c1, ref c2);

        hi = U256.Mul64(a2, a3, out lo);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Acc(lo, hi, ref c0, ref c1, ref c2);
        Mac(m2, TM.M3, ref c0, ref c1, ref c2);
        Mac(m3, TM.M2, ref c0, ref c1, ref c2);
        var r1 = Shift(ref c0, ref c1, ref c2);

        Mac(a3, a3, ref c0, ref c1, ref c2);
        Mac(m3, TM.M3, ref c0, ref c1, ref c2);
        var r2 = Shift(ref c0, ref c1, ref c2);

        FinalSubtract(r0, r1, r2, c0, c1, out r);
    }

    /// <summary>(c2, c1, c0) += hi·2^64 + lo, where hi ≤ 2^64 − 2 (true of any 64×64-bit product's high half).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Acc(ulong lo, ulong hi, ref ulong c0, ref ulong c1, ref ulong c2)
    {
        c0 += lo;
        hi += U256.Lt(c0, lo);
        c1 += hi;
        c2 += U256.Lt(c1, hi);
    }

    /// <summary>(c2, c1, c0) += x·y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mac(ulong x, ulong y, ref ulong c0, ref ulong c1, ref ulong c2)
    {
        var hi = U256.Mul64(x, y, out var lo);
        Acc(lo, hi, ref c0, ref c1, ref c2);
    }

    /// <summary>
    /// Picks m = c0·(−M⁻¹) mod 2^64, adds m·M0 (clearing c0) and shifts the accumulator down one
    /// word; returns m. When M0 = 2^64 − 1 and −M⁻¹ = 1 (the SM2 prime), m = c0 and
    /// c0 + m·M0 = m·2^64, so the multiplication folds into an addition.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReduceColumn(ref ulong c0, ref ulong c1, ref ulong c2)
    {
        ulong m;
        if (TM.M0 == ulong.MaxValue && TM.NegInv == 1)
        {
            m = c0;
            c1 += m;
            c2 += U256.Lt(c1, m);
        }
        else
        {
            m = c0 * TM.NegInv;
            Mac(m, TM.M0, ref c0, ref c1, ref c2);
        }

        c0 = c1;
        c1 = c2;
        c2 = 0;
        return m;
    }

    /// <summary>Returns the low word and shifts the accumulator down one word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Shift(ref ulong c0, ref ulong c1, ref ulong c2)
    {
        var low = c0;
        c0 = c1;
        c1 = c2;
        c2 = 0;
        return low;
    }

    /// <summary>r = (o·2^256 + t) mod M for a value below 2M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinalSubtract(ulong t0, ulong t1, ulong t2, ulong t3, ulong o, out U256 r)
    {
        ulong borrow = 0;
        var d0 = U256.Sbb(t0, TM.M0, ref borrow);
        var d1 = U256.Sbb(t1, TM.M1, ref borrow);
        var d2 = U256.Sbb(t2, TM.M2, ref borrow);
        var d3 = U256.Sbb(t3, TM.M3, ref borrow);

        // Keep t only when the subtraction borrowed and there was no 257th bit.
        var keep = 0UL - (borrow & ~o & 1);
        r.L0 = (t0 & keep) | (d0 & ~keep);
        r.L1 = (t1 & keep) | (d1 & ~keep);
        r.L2 = (t2 & keep) | (d2 & ~keep);
        r.L3 = (t3 & keep) | (d3 & ~keep);
    }

    /// <summary>r = (a + b) mod M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in U256 a, in U256 b, out U256 r)
    {
        ulong c = 0;
        var t0 = U256.Adc(a.L0, b.L0, ref c);
        var t1 = U256.Adc(a.L1, b.L1, ref c);
        var t2 = U256.Adc(a.L2, b.L2, ref c);
        var t3 = U256.Adc(a.L3, b.L3, ref c);
        FinalSubtract(t0, t1, t2, t3, c, out r);
    }

    /// <summary>r = (a − b) mod M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(in U256 a, in U256 b, out U256 r)
    {
        ulong borrow = 0;
        var t0 = U256.Sbb(a.L0, b.L0, ref borrow);
        var t1 = U256.Sbb(a.L1, b.L1, ref borrow);
        var t2 = U256.Sbb(a.L2, b.L2, ref borrow);
        var t3 = U256.Sbb(a.L3, b.L3, ref borrow);
        var mask = 0UL - borrow;
        ulong c = 0;
        r.L0 = U256.Adc(t0, TM.M0 & mask, ref c);
        r.L1 = U256.Adc(t1, TM.M1 & mask, ref c);
        r.L2 = U256.Adc(t2, TM.M2 & mask, ref c);
        r.L3 = U256.Adc(t3, TM.M3 & mask, ref c);
    }

    /// <summary>r = −a mod M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Neg(in U256 a, out U256 r)
    {
        var zero = default(U256);
        Sub(zero, a, out r);
    }

    /// <summary>Reduces any 256-bit value modulo M (one conditional subtraction, as 2^256 &lt; 2M).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Reduce(in U256 a, out U256 r) => FinalSubtract(a.L0, a.L1, a.L2, a.L3, 0, out r);

    /// <summary>r = a^(2^n)·R^(1−2^n), i.e. <paramref name="n"/> Montgomery squarings.</summary>
    public static void SqrN(in U256 a, int n, out U256 r)
    {
        Sqr(a, out r);
        for (var i = 1; i < n; i++)
        {
            Sqr(r, out r);
        }
    }

    /// <summary>All ones when a &lt; M, else zero.</summary>
    public static ulong LessThanModulusMask(in U256 a)
    {
        ulong borrow = 0;
        _ = U256.Sbb(a.L0, TM.M0, ref borrow);
        _ = U256.Sbb(a.L1, TM.M1, ref borrow);
        _ = U256.Sbb(a.L2, TM.M2, ref borrow);
        _ = U256.Sbb(a.L3, TM.M3, ref borrow);
        return 0UL - borrow;
    }
}
