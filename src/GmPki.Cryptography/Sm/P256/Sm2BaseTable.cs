// Constant-time argument: MulBase handles secret scalars (k, d). The scalar is recoded into 37
// signed Booth digits with arithmetic only; each digit's point is fetched by reading all 64
// entries of that window's table and keeping one with an equality mask (the memory access pattern
// is the same for every digit); the sign is applied with a masked negation; "digit is zero" and
// "accumulator is still infinity" are tracked as masks, and AddMixed always runs. The only public
// quantities that steer the code are the window number and table addresses derived from it.
// MulBaseVartime indexes the table directly and skips zero digits: public scalars only.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GmPki.Cryptography.Sm.P256;

/// <summary>
/// Fixed-base multiplication k·G with precomputed affine multiples (the layout of OpenSSL's
/// ecp_nistz256): window i ∈ [0, 37) holds j·2^(7i)·G for j ∈ [1, 64]; a scalar is recoded into
/// signed digits in [−64, 64], so k·G costs 37 mixed additions and no doubling. The tables
/// (37 × 64 × 64 bytes ≈ 148 KiB) are built on first use.
/// </summary>
internal static class Sm2BaseTable
{
    /// <summary>Number of 7-bit windows covering 256 bits (plus the top Booth carry).</summary>
    public const int Windows = 37;

    /// <summary>Points per window.</summary>
    public const int PointsPerWindow = 64;

    private const int WindowBits = 7;
    private const int LimbsPerPoint = 8;

    private static readonly ulong[] Table = Build();

    /// <summary>
    /// r = k·G in constant time for a secret k ∈ [0, n − 1] (0 gives infinity). Larger values are
    /// not supported: the argument that no window addition meets the doubling case needs k &lt; n.
    /// </summary>
    public static void MulBase(in U256 k, out JacobianPoint r)
    {
        Span<byte> scalar = stackalloc byte[33];
        WriteLittleEndian(k, scalar);

        var acc = default(JacobianPoint);
        var accInfinity = ulong.MaxValue;
        var one = Sm2Field.One;
        for (var i = 0; i < Windows; i++)
        {
            var (digit, negative) = Recode(scalar, i);
            Select(i, digit, out var point);
            Sm2Field.Neg(point.Y, out var negY);
            point.Y = U256.Select(0UL - negative, negY, point.Y);
            var pointInfinity = U256.IsZeroMask(digit);

            Sm2Point.AddMixed(acc, point, out var sum);
            sum.X = U256.Select(accInfinity, point.X, sum.X);
            sum.Y = U256.Select(accInfinity, point.Y, sum.Y);
            sum.Z = U256.Select(accInfinity, one, sum.Z);
            acc.X = U256.Select(pointInfinity, acc.X, sum.X);
            acc.Y = U256.Select(pointInfinity, acc.Y, sum.Y);
            acc.Z = U256.Select(pointInfinity, acc.Z, sum.Z);
            accInfinity &= pointInfinity;
        }

        scalar.Clear();
        r = acc;
    }

    /// <summary>r = s·G for a public scalar s (variable time).</summary>
    public static void MulBaseVartime(in U256 s, out JacobianPoint r)
    {
        Span<byte> scalar = stackalloc byte[33];
        WriteLittleEndian(s, scalar);
        var acc = default(JacobianPoint);
        for (var i = 0; i < Windows; i++)
        {
            var (digit, negative) = Recode(scalar, i);
            if (digit == 0)
            {
                continue;
            }

            var point = Entry(i, (int)digit - 1);
            if (negative != 0)
            {
                Sm2Point.Negate(point, out point);
            }

            Sm2Point.AddMixedVartime(acc, point, out acc);
        }

        r = acc;
    }

    /// <summary>The table entry j·2^(7·window)·G for j = <paramref name="index"/> + 1 (tests and vartime use).</summary>
    public static AffinePoint Entry(int window, int index)
    {
        var limbs = Table.AsSpan(((window * PointsPerWindow) + index) * LimbsPerPoint, LimbsPerPoint);
        return MemoryMarshal.Read<AffinePoint>(MemoryMarshal.AsBytes(limbs));
    }

    /// <summary>
    /// Booth digit of window <paramref name="window"/>: bits [7i − 1, 7i + 6] of the scalar
    /// recoded to a magnitude in [0, 64] and a sign (1 = negative), branch-free.
    /// </summary>
    internal static (uint Digit, ulong Negative) Recode(ReadOnlySpan<byte> scalar, int window)
    {
        uint bits;
        if (window == 0)
        {
            bits = (uint)(scalar[0] << 1) & 0xFF;
        }
        else
        {
            var index = (window * WindowBits) - 1;
            var offset = index >> 3;
            bits = ((uint)scalar[offset] | ((uint)scalar[offset + 1] << 8)) >> (index & 7);
            bits &= 0xFF;
        }

        var s = ~((bits >> WindowBits) - 1);
        var d = (1u << (WindowBits + 1)) - bits - 1;
        d = (d & s) | (bits & ~s);
        d = (d >> 1) + (d & 1);
        return (d, s & 1);
    }

    private static void WriteLittleEndian(in U256 k, Span<byte> scalar)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(scalar, k.L0);
        BinaryPrimitives.WriteUInt64LittleEndian(scalar[8..], k.L1);
        BinaryPrimitives.WriteUInt64LittleEndian(scalar[16..], k.L2);
        BinaryPrimitives.WriteUInt64LittleEndian(scalar[24..], k.L3);
        scalar[32] = 0;
    }

    /// <summary>Constant-time fetch of entry <paramref name="digit"/> − 1 of a window (all zeros for digit 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Select(int window, uint digit, out AffinePoint r)
    {
        ref var start = ref MemoryMarshal.GetArrayDataReference(Table);
        start = ref Unsafe.Add(ref start, window * PointsPerWindow * LimbsPerPoint);
        if (Vector512.IsHardwareAccelerated)
        {
            // One 64-byte entry per vector: compare the broadcast digit with the entry number.
            var acc = Vector512<ulong>.Zero;
            var wanted = Vector512.Create((ulong)digit);
            var number = Vector512<ulong>.One;
            for (var j = 0; j < PointsPerWindow; j++)
            {
                acc |= Vector512.LoadUnsafe(ref Unsafe.Add(ref start, j * LimbsPerPoint)) & Vector512.Equals(number, wanted);
                number += Vector512<ulong>.One;
            }

            r = Unsafe.BitCast<Vector512<ulong>, AffinePoint>(acc);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var x = Vector256<ulong>.Zero;
            var y = Vector256<ulong>.Zero;
            for (var j = 0; j < PointsPerWindow; j++)
            {
                var mask = Vector256.Create(EqualMask((uint)j + 1, digit));
                ref var entry = ref Unsafe.Add(ref start, j * LimbsPerPoint);
                x |= Vector256.LoadUnsafe(ref entry) & mask;
                y |= Vector256.LoadUnsafe(ref entry, 4) & mask;
            }

            r.X = Unsafe.BitCast<Vector256<ulong>, U256>(x);
            r.Y = Unsafe.BitCast<Vector256<ulong>, U256>(y);
        }
        else
        {
            ulong x0 = 0, x1 = 0, x2 = 0, x3 = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0;
            for (var j = 0; j < PointsPerWindow; j++)
            {
                var mask = EqualMask((uint)j + 1, digit);
                ref var entry = ref Unsafe.Add(ref start, j * LimbsPerPoint);
                x0 |= entry & mask;
                x1 |= Unsafe.Add(ref entry, 1) & mask;
                x2 |= Unsafe.Add(ref entry, 2) & mask;
                x3 |= Unsafe.Add(ref entry, 3) & mask;
                y0 |= Unsafe.Add(ref entry, 4) & mask;
                y1 |= Unsafe.Add(ref entry, 5) & mask;
                y2 |= Unsafe.Add(ref entry, 6) & mask;
                y3 |= Unsafe.Add(ref entry, 7) & mask;
            }

            r.X = new U256(x0, x1, x2, x3);
            r.Y = new U256(y0, y1, y2, y3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EqualMask(uint a, uint b) => 0UL - (ulong)(((a ^ b) - 1) >> 31);

    private static ulong[] Build()
    {
        var table = new ulong[Windows * PointsPerWindow * LimbsPerPoint];
        var row = new JacobianPoint[PointsPerWindow];
        var prefix = new U256[PointsPerWindow];
        var affine = new AffinePoint[PointsPerWindow];
        var windowBase = Sm2Point.G;
        for (var i = 0; i < Windows; i++)
        {
            row[0] = Sm2Point.FromAffine(windowBase);
            for (var j = 1; j < PointsPerWindow; j++)
            {
                Sm2Point.AddMixedVartime(row[j - 1], windowBase, out row[j]);
            }

            // One field inversion per window.
            Sm2Point.BatchToAffine(row, affine, prefix);
            for (var j = 0; j < PointsPerWindow; j++)
            {
                var at = ((i * PointsPerWindow) + j) * LimbsPerPoint;
                table[at] = affine[j].X.L0;
                table[at + 1] = affine[j].X.L1;
                table[at + 2] = affine[j].X.L2;
                table[at + 3] = affine[j].X.L3;
                table[at + 4] = affine[j].Y.L0;
                table[at + 5] = affine[j].Y.L1;
                table[at + 6] = affine[j].Y.L2;
                table[at + 7] = affine[j].Y.L3;
            }

            // Next window's base: 2^7 times this one.
            var next = row[0];
            for (var d = 0; d < WindowBits; d++)
            {
                Sm2Point.Double(next, out next);
            }

            Sm2Point.ToAffine(next, out windowBase);
        }

        return table;
    }
}
