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

    /// <summary>r = a·b·R⁻¹ mod M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Mul(in U256 a, in U256 b, out U256 r)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
        ulong c = 0, b0 = b.L0;
        var t0 = U256.MulAdd(a0, b0, 0, ref c);
        var t1 = U256.MulAdd(a1, b0, 0, ref c);
        var t2 = U256.MulAdd(a2, b0, 0, ref c);
        var t3 = U256.MulAdd(a3, b0, 0, ref c);
        var t4 = c;
        c = 0;
        var b1 = b.L1;
        t1 = U256.MulAdd(a0, b1, t1, ref c);
        t2 = U256.MulAdd(a1, b1, t2, ref c);
        t3 = U256.MulAdd(a2, b1, t3, ref c);
        t4 = U256.MulAdd(a3, b1, t4, ref c);
        var t5 = c;
        c = 0;
        var b2 = b.L2;
        t2 = U256.MulAdd(a0, b2, t2, ref c);
        t3 = U256.MulAdd(a1, b2, t3, ref c);
        t4 = U256.MulAdd(a2, b2, t4, ref c);
        t5 = U256.MulAdd(a3, b2, t5, ref c);
        var t6 = c;
        c = 0;
        var b3 = b.L3;
        t3 = U256.MulAdd(a0, b3, t3, ref c);
        t4 = U256.MulAdd(a1, b3, t4, ref c);
        t5 = U256.MulAdd(a2, b3, t5, ref c);
        t6 = U256.MulAdd(a3, b3, t6, ref c);
        var t7 = c;
        Reduce(t0, t1, t2, t3, t4, t5, t6, t7, out r);
    }

    /// <summary>r = a²·R⁻¹ mod M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sqr(in U256 a, out U256 r)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;

        // Off-diagonal products a_i·a_j (i < j).
        ulong c = 0;
        var t1 = U256.MulAdd(a0, a1, 0, ref c);
        var t2 = U256.MulAdd(a0, a2, 0, ref c);
        var t3 = U256.MulAdd(a0, a3, 0, ref c);
        var t4 = c;
        c = 0;
        t3 = U256.MulAdd(a1, a2, t3, ref c);
        t4 = U256.MulAdd(a1, a3, t4, ref c);
        var t5 = c;
        c = 0;
        t5 = U256.MulAdd(a2, a3, t5, ref c);
        var t6 = c;

        // Double them.
        var t7 = t6 >> 63;
        t6 = (t6 << 1) | (t5 >> 63);
        t5 = (t5 << 1) | (t4 >> 63);
        t4 = (t4 << 1) | (t3 >> 63);
        t3 = (t3 << 1) | (t2 >> 63);
        t2 = (t2 << 1) | (t1 >> 63);
        t1 <<= 1;

        // Add the squares a_i².
        var h0 = Math.BigMul(a0, a0, out var t0);
        var h1 = Math.BigMul(a1, a1, out var l1);
        var h2 = Math.BigMul(a2, a2, out var l2);
        var h3 = Math.BigMul(a3, a3, out var l3);
        c = 0;
        t1 = U256.Adc(t1, h0, ref c);
        t2 = U256.Adc(t2, l1, ref c);
        t3 = U256.Adc(t3, h1, ref c);
        t4 = U256.Adc(t4, l2, ref c);
        t5 = U256.Adc(t5, h2, ref c);
        t6 = U256.Adc(t6, l3, ref c);
        t7 = U256.Adc(t7, h3, ref c);
        Reduce(t0, t1, t2, t3, t4, t5, t6, t7, out r);
    }

    /// <summary>Montgomery reduction of the 512-bit t (below M·R): r = t·R⁻¹ mod M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7, out U256 r)
    {
        ulong o = 0;
        ulong c = 0;
        var m = t0 * TM.NegInv;
        _ = U256.MulAdd(m, TM.M0, t0, ref c);
        t1 = U256.MulAdd(m, TM.M1, t1, ref c);
        t2 = U256.MulAdd(m, TM.M2, t2, ref c);
        t3 = U256.MulAdd(m, TM.M3, t3, ref c);
        t4 = U256.Adc(t4, c, ref o);

        c = 0;
        m = t1 * TM.NegInv;
        _ = U256.MulAdd(m, TM.M0, t1, ref c);
        t2 = U256.MulAdd(m, TM.M1, t2, ref c);
        t3 = U256.MulAdd(m, TM.M2, t3, ref c);
        t4 = U256.MulAdd(m, TM.M3, t4, ref c);
        t5 = U256.Adc(t5, c, ref o);

        c = 0;
        m = t2 * TM.NegInv;
        _ = U256.MulAdd(m, TM.M0, t2, ref c);
        t3 = U256.MulAdd(m, TM.M1, t3, ref c);
        t4 = U256.MulAdd(m, TM.M2, t4, ref c);
        t5 = U256.MulAdd(m, TM.M3, t5, ref c);
        t6 = U256.Adc(t6, c, ref o);

        c = 0;
        m = t3 * TM.NegInv;
        _ = U256.MulAdd(m, TM.M0, t3, ref c);
        t4 = U256.MulAdd(m, TM.M1, t4, ref c);
        t5 = U256.MulAdd(m, TM.M2, t5, ref c);
        t6 = U256.MulAdd(m, TM.M3, t6, ref c);
        t7 = U256.Adc(t7, c, ref o);

        FinalSubtract(t4, t5, t6, t7, o, out r);
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
