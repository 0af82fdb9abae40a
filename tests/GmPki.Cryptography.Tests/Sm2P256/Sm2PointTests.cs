using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Math;
using static GmPki.Cryptography.Tests.Sm2P256.Sm2TestMath;

namespace GmPki.Cryptography.Tests.Sm2P256;

public class Sm2PointTests
{
    /// <summary>Scalars that stress carries, Booth recoding and the first/last windows.</summary>
    public static IEnumerable<BigInteger> EdgeScalars()
    {
        foreach (var small in new[] { 1, 2, 3, 4, 5, 6, 7, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256 })
        {
            yield return BigInteger.ValueOf(small);
            yield return N.Subtract(BigInteger.ValueOf(small));
        }

        foreach (var shift in new[] { 6, 7, 8, 63, 64, 65, 127, 128, 191, 192, 224, 250, 251, 252, 253, 254, 255 })
        {
            var power = BigInteger.One.ShiftLeft(shift);
            yield return power.Mod(N);
            yield return power.Subtract(BigInteger.One).Mod(N);
            yield return power.Add(BigInteger.One).Mod(N);
        }

        // Long runs of ones and zeros, alternating patterns.
        yield return new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 16).Mod(N);
        yield return new BigInteger("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 16);
        yield return new BigInteger("8000000000000000000000000000000000000000000000000000000000000000", 16);
        yield return new BigInteger("FFFFFFFF00000000000000000000000000000000000000000000000000000001", 16).Mod(N);
        yield return new BigInteger("00000000000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 16);
        yield return new BigInteger("5555555555555555555555555555555555555555555555555555555555555555", 16);
        yield return new BigInteger("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 16).Mod(N);
        yield return new BigInteger("40810204081020408102040810204081020408102040810204081020408102040", 16).Mod(N);
        yield return N.ShiftRight(1);
        yield return N.ShiftRight(1).Add(BigInteger.One);

        // The only scalars for which the last comb window could need a doubling (see
        // MulBase_LastWindowDoublingCase_IsUnreachable).
        for (var d = -16; d <= 16; d++)
        {
            if (d != 0)
            {
                var candidate = BigInteger.ValueOf(d).ShiftLeft(253).Mod(N);
                if (candidate.SignValue != 0)
                {
                    yield return candidate;
                }
            }
        }
    }

    private static IEnumerable<BigInteger> RandomScalars(int count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[32];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            var k = new BigInteger(1, bytes).Mod(N);
            if (k.SignValue != 0)
            {
                yield return k;
            }
        }
    }

    [Fact]
    public void MulBase_EdgeAndRandomScalars_MatchesBouncyCastle()
    {
        foreach (var k in EdgeScalars().Concat(RandomScalars(300, seed: 3)))
        {
            Sm2BaseTable.MulBase(ToU256(k), out var point);
            ToBcPoint(point).ShouldBe(Multiply(k), $"k={k.ToString(16)}");
        }
    }

    [Fact]
    public void MulBase_ZeroAndOrder_Infinity()
    {
        Sm2BaseTable.MulBase(default, out var zero);
        zero.Z.IsZeroMask().ShouldBe(ulong.MaxValue);
        Sm2BaseTable.MulBaseVartime(default, out var zeroVartime);
        zeroVartime.Z.IsZeroMask().ShouldBe(ulong.MaxValue);
        Sm2BaseTable.MulBaseVartime(ToU256(N), out var order);
        Sm2Point.IsInfinityVartime(order).ShouldBeTrue();
    }

    [Fact]
    public void MulBaseVartime_EdgeAndRandomScalars_MatchesBouncyCastle()
    {
        foreach (var k in EdgeScalars().Concat(RandomScalars(100, seed: 4)))
        {
            Sm2BaseTable.MulBaseVartime(ToU256(k), out var point);
            ToBcPoint(point).ShouldBe(Multiply(k), $"k={k.ToString(16)}");
        }
    }

    [Fact]
    public void Recode_RandomScalars_DigitsSumToScalar()
    {
        foreach (var k in EdgeScalars().Concat(RandomScalars(200, seed: 5)).Append(Mask256))
        {
            var bytes = new byte[33];
            ToBytes32(k).Reverse().ToArray().CopyTo(bytes, 0);
            var sum = BigInteger.Zero;
            for (var i = 0; i < Sm2BaseTable.Windows; i++)
            {
                var (digit, negative) = Sm2BaseTable.Recode(bytes, i);
                digit.ShouldBeLessThanOrEqualTo(64u);
                var term = BigInteger.ValueOf(digit).ShiftLeft(7 * i);
                sum = negative != 0 ? sum.Subtract(term) : sum.Add(term);
            }

            sum.ShouldBe(k);
        }
    }

    /// <summary>
    /// MulBase adds window points without a doubling branch. Before the last window the partial
    /// sum A satisfies |A| &lt; 2^(7i) ≤ |digit·2^(7i)| and both are far below n/2, so A ≠ ±D. In the
    /// last window A + D = k ∈ [1, n − 1], so A = −D is impossible and A = D would need
    /// k ≡ 2D = digit·2^253 (mod n) with the same top digit: this checks no such k exists.
    /// </summary>
    [Fact]
    public void MulBase_LastWindowDoublingCase_IsUnreachable()
    {
        for (var d = -16; d <= 16; d++)
        {
            if (d == 0)
            {
                continue;
            }

            var k = BigInteger.ValueOf(d).ShiftLeft(253).Mod(N);
            var bytes = new byte[33];
            ToBytes32(k).Reverse().ToArray().CopyTo(bytes, 0);
            var (digit, negative) = Sm2BaseTable.Recode(bytes, Sm2BaseTable.Windows - 1);
            var top = negative != 0 ? -(int)digit : (int)digit;
            top.ShouldNotBe(d, $"k={k.ToString(16)}");
        }
    }

    [Fact]
    public void Table_Entries_AreMultiplesOfG()
    {
        foreach (var (window, index) in new[] { (0, 0), (0, 63), (1, 0), (18, 31), (36, 0), (36, 63) })
        {
            var entry = Sm2BaseTable.Entry(window, index);
            var expected = Multiply(BigInteger.ValueOf(index + 1).ShiftLeft(7 * window));
            Curve.Curve.CreatePoint(FromFieldMont(entry.X), FromFieldMont(entry.Y)).ShouldBe(expected);
        }
    }

    [Fact]
    public void MulVartime_RandomPointsAndScalars_MatchesBouncyCastle()
    {
        var points = RandomScalars(5, seed: 6).Select(Multiply).Append(Curve.G).ToArray();
        foreach (var p in points)
        {
            foreach (var k in EdgeScalars().Take(40).Concat(RandomScalars(20, seed: 7)).Append(N).Append(Mask256))
            {
                Sm2VarMul.MulVartime(ToU256(k), ToAffine(p), out var point);
                ToBcPoint(point).ShouldBe(p.Multiply(k).Normalize(), $"k={k.ToString(16)}");
            }
        }
    }

    [Fact]
    public void MulDoubleVartime_RandomAndDegenerateInputs_MatchesBouncyCastle()
    {
        var random = RandomScalars(60, seed: 8).ToArray();
        var p = Multiply(random[0]);
        for (var i = 1; i + 1 < random.Length; i += 2)
        {
            var (s, t) = (random[i], random[i + 1]);
            Sm2VarMul.MulDoubleVartime(ToU256(s), ToU256(t), ToAffine(p), out var sum);
            ToBcPoint(sum).ShouldBe(Curve.G.Multiply(s).Add(p.Multiply(t)).Normalize());
        }

        // P = G: s·G and t·G coincide (doubling) or cancel (infinity).
        var k = random[1];
        Sm2VarMul.MulDoubleVartime(ToU256(k), ToU256(k), ToAffine(Curve.G), out var doubled);
        ToBcPoint(doubled).ShouldBe(Multiply(k.ShiftLeft(1).Mod(N)));
        Sm2VarMul.MulDoubleVartime(ToU256(k), ToU256(N.Subtract(k)), ToAffine(Curve.G), out var cancelled);
        Sm2Point.IsInfinityVartime(cancelled).ShouldBeTrue();
        Sm2VarMul.MulDoubleVartime(default, ToU256(k), ToAffine(p), out var onlyT);
        ToBcPoint(onlyT).ShouldBe(p.Multiply(k).Normalize());
    }

    [Fact]
    public void DoubleAndAddMixed_RandomPoints_MatchBouncyCastle()
    {
        foreach (var k in RandomScalars(20, seed: 9))
        {
            var p = Multiply(k);
            var q = Multiply(k.Add(BigInteger.ValueOf(7)).Mod(N));
            var jacobian = Sm2Point.FromAffine(ToAffine(p));
            Sm2Point.Double(jacobian, out var doubled);
            ToBcPoint(doubled).ShouldBe(p.Twice().Normalize());
            Sm2Point.AddMixed(doubled, ToAffine(q), out var sum);
            ToBcPoint(sum).ShouldBe(p.Twice().Add(q).Normalize());
            Sm2Point.AddVartime(jacobian, jacobian, out var viaAdd);
            ToBcPoint(viaAdd).ShouldBe(p.Twice().Normalize());
            Sm2Point.AddMixedVartime(jacobian, ToAffine(p.Negate()), out var infinity);
            Sm2Point.IsInfinityVartime(infinity).ShouldBeTrue();
            Sm2Point.IsOnCurve(ToAffine(p)).ShouldBeTrue();
        }

        var offCurve = ToAffine(Curve.G);
        Sm2Field.Add(offCurve.Y, Sm2Field.One, out offCurve.Y);
        Sm2Point.IsOnCurve(offCurve).ShouldBeFalse();
    }
}
