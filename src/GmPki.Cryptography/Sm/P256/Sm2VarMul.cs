// Variable-time code: everything here runs on public data only (signature verification, where
// s, t, the public key and the result are all public), so branches and table indices that
// depend on the scalars are acceptable. Secret scalars must go through Sm2BaseTable.MulBase.
namespace GmPki.Cryptography.Sm.P256;

/// <summary>Double-scalar multiplication s·G + t·P for verification (variable time, public inputs).</summary>
internal static class Sm2VarMul
{
    private const int Width = 5;
    private const int OddMultiples = 1 << (Width - 2); // P, 3P, …, 15P

    /// <summary>r = s·G + t·P (public s, t and P; P finite and on the curve).</summary>
    public static void MulDoubleVartime(in U256 s, in U256 t, in AffinePoint p, out JacobianPoint r)
    {
        MulVartime(t, p, out var tp);
        Sm2BaseTable.MulBaseVartime(s, out var sg);
        Sm2Point.AddVartime(sg, tp, out r);
    }

    /// <summary>r = t·P by a width-5 NAF (public t and P).</summary>
    public static void MulVartime(in U256 t, in AffinePoint p, out JacobianPoint r)
    {
        Span<sbyte> naf = stackalloc sbyte[258];
        var top = ComputeNaf(t, naf);

        // Odd multiples P, 3P, …, 15P, made affine with one inversion so that the main loop uses
        // mixed additions. P has prime order n, so none of them is infinity.
        Span<JacobianPoint> odd = stackalloc JacobianPoint[OddMultiples];
        odd[0] = Sm2Point.FromAffine(p);
        Sm2Point.Double(odd[0], out var twice);
        for (var i = 1; i < OddMultiples; i++)
        {
            Sm2Point.AddVartime(odd[i - 1], twice, out odd[i]);
        }

        Span<AffinePoint> table = stackalloc AffinePoint[OddMultiples];
        Span<U256> scratch = stackalloc U256[OddMultiples];
        Sm2Point.BatchToAffine(odd, table, scratch);

        var acc = default(JacobianPoint);
        for (var i = top; i >= 0; i--)
        {
            Sm2Point.Double(acc, out acc);
            int digit = naf[i];
            if (digit > 0)
            {
                Sm2Point.AddMixedVartime(acc, table[digit >> 1], out acc);
            }
            else if (digit < 0)
            {
                Sm2Point.Negate(table[-digit >> 1], out var negative);
                Sm2Point.AddMixedVartime(acc, negative, out acc);
            }
        }

        r = acc;
    }

    /// <summary>Width-5 NAF digits of t, least significant first; returns the index of the top digit (−1 for 0).</summary>
    internal static int ComputeNaf(in U256 t, Span<sbyte> naf)
    {
        Span<ulong> k = [t.L0, t.L1, t.L2, t.L3, 0];
        naf.Clear();
        var top = -1;
        for (var i = 0; i < naf.Length && !IsZero(k); i++)
        {
            if ((k[0] & 1) != 0)
            {
                var d = (int)(k[0] & ((1 << Width) - 1));
                if (d >= 1 << (Width - 1))
                {
                    d -= 1 << Width;
                }

                naf[i] = (sbyte)d;
                if (d > 0)
                {
                    SubSmall(k, (ulong)d);
                }
                else
                {
                    AddSmall(k, (ulong)(-d));
                }

                top = i;
            }

            ShiftRight1(k);
        }

        return top;
    }

    private static bool IsZero(ReadOnlySpan<ulong> k) => (k[0] | k[1] | k[2] | k[3] | k[4]) == 0;

    private static void SubSmall(Span<ulong> k, ulong d)
    {
        ulong borrow = 0;
        k[0] = U256.Sbb(k[0], d, ref borrow);
        for (var i = 1; i < k.Length; i++)
        {
            k[i] = U256.Sbb(k[i], 0, ref borrow);
        }
    }

    private static void AddSmall(Span<ulong> k, ulong d)
    {
        ulong carry = 0;
        k[0] = U256.Adc(k[0], d, ref carry);
        for (var i = 1; i < k.Length; i++)
        {
            k[i] = U256.Adc(k[i], 0, ref carry);
        }
    }

    private static void ShiftRight1(Span<ulong> k)
    {
        for (var i = 0; i < k.Length - 1; i++)
        {
            k[i] = (k[i] >> 1) | (k[i + 1] << 63);
        }

        k[^1] >>= 1;
    }
}
