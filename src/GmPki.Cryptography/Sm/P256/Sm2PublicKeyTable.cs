// Variable-time code: built from and used with public keys and public scalars only (verification).
namespace GmPki.Cryptography.Sm.P256;

/// <summary>
/// Precomputed multiples of a public point Q for keys that verify many signatures: window
/// i ∈ [0, 65) holds j·2^(4i)·Q for j ∈ [1, 8] (520 affine points, 33 KiB), so t·Q costs at most
/// 65 mixed additions and no doubling, against 256 doublings for a width-5 NAF.
/// </summary>
internal sealed class Sm2PublicKeyTable
{
    private const int WindowBits = 4;
    private const int Windows = 65; // ⌈257 / 4⌉: 256 bits plus the top Booth carry
    private const int PointsPerWindow = 1 << (WindowBits - 1);

    private readonly AffinePoint[] _points;

    private Sm2PublicKeyTable(AffinePoint[] points) => _points = points;

    /// <summary>Builds the table for a finite point on the curve.</summary>
    public static Sm2PublicKeyTable Build(in AffinePoint q)
    {
        var points = new AffinePoint[Windows * PointsPerWindow];
        var row = new JacobianPoint[PointsPerWindow];
        var prefix = new U256[PointsPerWindow];
        var windowBase = q;
        for (var i = 0; i < Windows; i++)
        {
            row[0] = Sm2Point.FromAffine(windowBase);
            for (var j = 1; j < PointsPerWindow; j++)
            {
                Sm2Point.AddMixedVartime(row[j - 1], windowBase, out row[j]);
            }

            Sm2Point.BatchToAffine(row, points.AsSpan(i * PointsPerWindow, PointsPerWindow), prefix);
            if (i + 1 < Windows)
            {
                var next = row[0];
                for (var d = 0; d < WindowBits; d++)
                {
                    Sm2Point.Double(next, out next);
                }

                Sm2Point.ToAffine(next, out windowBase);
            }
        }

        return new Sm2PublicKeyTable(points);
    }

    /// <summary>r = t·Q for a public scalar t &lt; 2^256.</summary>
    public void MulVartime(in U256 t, out JacobianPoint r)
    {
        var acc = default(JacobianPoint);
        for (var i = 0; i < Windows; i++)
        {
            var (digit, negative) = Recode(t, i);
            if (digit == 0)
            {
                continue;
            }

            var point = _points[(i * PointsPerWindow) + digit - 1];
            if (negative)
            {
                Sm2Point.Negate(point, out point);
            }

            Sm2Point.AddMixedVartime(acc, point, out acc);
        }

        r = acc;
    }

    /// <summary>Booth digit of window i: bits [4i − 1, 4i + 3] recoded to a magnitude in [0, 8] and a sign.</summary>
    internal static (int Digit, bool Negative) Recode(in U256 t, int window)
    {
        var bits = 0;
        for (var j = 0; j <= WindowBits; j++)
        {
            var position = (window * WindowBits) - 1 + j;
            if (position >= 0 && position < 256)
            {
                bits |= (int)t.Bit(position) << j;
            }
        }

        // bits = b₃b₂b₁b₀b₋₁ and the signed digit is b₋₁ + b₀ + 2b₁ + 4b₂ − 8b₃.
        var value = ((bits >> 1) + (bits & 1)) - ((bits >> WindowBits) << WindowBits);
        return (Math.Abs(value), value < 0);
    }
}
