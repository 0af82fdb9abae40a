// Constant-time argument: every helper here is straight-line code. Carries and borrows are
// produced by unsigned comparisons converted to 0/1 without branching (the JIT emits SETcc),
// selections use all-ones/all-zero masks, and no array index or branch depends on limb values.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace GmPki.Cryptography.Sm.P256;

/// <summary>A 256-bit unsigned integer as four little-endian 64-bit limbs (L0 least significant).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct U256
{
    public ulong L0;
    public ulong L1;
    public ulong L2;
    public ulong L3;

    public U256(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    /// <summary>1 when <paramref name="a"/> &lt; <paramref name="b"/>, else 0, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Lt(ulong a, ulong b) => Unsafe.BitCast<bool, byte>(a < b);

    /// <summary>Returns a + b + carry and replaces carry (0 or 1) by the carry out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Adc(ulong a, ulong b, ref ulong carry)
    {
        var s = a + b;
        var c1 = Lt(s, a);
        var r = s + carry;
        carry = c1 | Lt(r, s);
        return r;
    }

    /// <summary>Returns a − b − borrow and replaces borrow (0 or 1) by the borrow out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sbb(ulong a, ulong b, ref ulong borrow)
    {
        var d = a - b;
        var b1 = Lt(a, b);
        var r = d - borrow;
        borrow = b1 | Lt(d, borrow);
        return r;
    }

    /// <summary>
    /// The 128-bit product a·b: returns the high half, <paramref name="lo"/> gets the low half.
    /// With BMI2 this is MULX for the high half and IMUL for the low one, which keeps both in
    /// registers (Math.BigMul passes the low half through memory); elsewhere Math.BigMul.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mul64(ulong a, ulong b, out ulong lo)
    {
        if (Bmi2.X64.IsSupported)
        {
            lo = a * b;
            return Bmi2.X64.MultiplyNoFlags(a, b);
        }

        return Math.BigMul(a, b, out lo);
    }

    /// <summary>Returns the low half of a·b + c + carry and replaces carry by the high half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAdd(ulong a, ulong b, ulong c, ref ulong carry)
    {
        var hi = Mul64(a, b, out var lo);
        lo += c;
        hi += Lt(lo, c);
        lo += carry;
        hi += Lt(lo, carry);
        carry = hi;
        return lo;
    }

    /// <summary>All ones when <paramref name="x"/> is zero, else zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong IsZeroMask(ulong x) => 0UL - ((~x & (x - 1)) >> 63);

    /// <summary>All ones when the value is zero, else zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ulong IsZeroMask() => IsZeroMask(L0 | L1 | L2 | L3);

    /// <summary>All ones when both values are equal, else zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EqualMask(in U256 a, in U256 b)
        => IsZeroMask((a.L0 ^ b.L0) | (a.L1 ^ b.L1) | (a.L2 ^ b.L2) | (a.L3 ^ b.L3));

    /// <summary>Returns <paramref name="a"/> where <paramref name="mask"/> is all ones, <paramref name="b"/> where it is zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Select(ulong mask, in U256 a, in U256 b) => new(
        (a.L0 & mask) | (b.L0 & ~mask),
        (a.L1 & mask) | (b.L1 & ~mask),
        (a.L2 & mask) | (b.L2 & ~mask),
        (a.L3 & mask) | (b.L3 & ~mask));

    /// <summary>r = a − b; returns the borrow (0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sub(in U256 a, in U256 b, out U256 r)
    {
        ulong borrow = 0;
        r.L0 = Sbb(a.L0, b.L0, ref borrow);
        r.L1 = Sbb(a.L1, b.L1, ref borrow);
        r.L2 = Sbb(a.L2, b.L2, ref borrow);
        r.L3 = Sbb(a.L3, b.L3, ref borrow);
        return borrow;
    }

    /// <summary>r = a + b; returns the carry (0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(in U256 a, in U256 b, out U256 r)
    {
        ulong carry = 0;
        r.L0 = Adc(a.L0, b.L0, ref carry);
        r.L1 = Adc(a.L1, b.L1, ref carry);
        r.L2 = Adc(a.L2, b.L2, ref carry);
        r.L3 = Adc(a.L3, b.L3, ref carry);
        return carry;
    }

    /// <summary>Reads 32 big-endian bytes.</summary>
    public static U256 FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException("Expected 32 bytes.", nameof(bytes));
        }

        return new(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    /// <summary>Writes 32 big-endian bytes.</summary>
    public readonly void ToBigEndian(Span<byte> bytes)
    {
        if (bytes.Length < 32)
        {
            throw new ArgumentException("Expected 32 bytes.", nameof(bytes));
        }

        BinaryPrimitives.WriteUInt64BigEndian(bytes, L3);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], L0);
    }

    /// <summary>Bit <paramref name="i"/> (0 = least significant) as 0 or 1; <paramref name="i"/> is public.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ulong Bit(int i) => (i >> 6) switch
    {
        0 => L0 >> (i & 63),
        1 => L1 >> (i & 63),
        2 => L2 >> (i & 63),
        3 => L3 >> (i & 63),
        _ => 0,
    } & 1;

    /// <summary>Hex, most significant first (tests and diagnostics only; not constant time).</summary>
    public override readonly string ToString() => $"{L3:X16}{L2:X16}{L1:X16}{L0:X16}";
}
