using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Math;
using static GmPki.Cryptography.Tests.Sm2P256.Sm2TestMath;

namespace GmPki.Cryptography.Tests.Sm2P256;

public class Sm2FieldTests
{
    private static readonly BigInteger RInverse = R.ModInverse(P);

    private static readonly BigInteger[] Values = Sm2TestMath.Values(P, 100, seed: 1).ToArray();

    private static readonly BigInteger[] Reduced = Values.Where(v => v.CompareTo(P) < 0).ToArray();

    [Fact]
    public void Constants_MatchCurveParameters()
    {
        ToBig(Sm2Field.P).ShouldBe(P);
        ToBig(Sm2Field.One).ShouldBe(R.Mod(P));
        FromFieldMont(Sm2Field.B).ShouldBe(Curve.Curve.B.ToBigInteger());
        FromFieldMont(Sm2Point.G.X).ShouldBe(Curve.G.AffineXCoord.ToBigInteger());
        FromFieldMont(Sm2Point.G.Y).ShouldBe(Curve.G.AffineYCoord.ToBigInteger());
        Curve.Curve.A.ToBigInteger().ShouldBe(P.Subtract(BigInteger.Three));
    }

    [Fact]
    public void Mul_AllPairsWithOneReducedOperand_MatchesMontgomeryProductFullyReduced()
    {
        var checkedPairs = 0;
        foreach (var a in Reduced)
        {
            foreach (var b in Values)
            {
                Sm2Field.Mul(ToU256(a), ToU256(b), out var r);
                var expected = a.Multiply(b).Multiply(RInverse).Mod(P);
                ToBig(r).ShouldBe(expected, $"a={a.ToString(16)} b={b.ToString(16)}");
                Sm2Field.Mul(ToU256(b), ToU256(a), out var swapped);
                ToBig(swapped).ShouldBe(expected);
                checkedPairs++;
            }
        }

        checkedPairs.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void Mul_BothOperandsUnreduced_CongruentAndBelow2Pow256()
    {
        foreach (var a in Values.Where(v => v.CompareTo(P) >= 0))
        {
            foreach (var b in Values.Where(v => v.CompareTo(P) >= 0))
            {
                Sm2Field.Mul(ToU256(a), ToU256(b), out var r);
                ToBig(r).Mod(P).ShouldBe(a.Multiply(b).Multiply(RInverse).Mod(P));
            }
        }
    }

    [Fact]
    public void Sqr_ReducedValues_MatchesMulAndReference()
    {
        foreach (var a in Reduced)
        {
            Sm2Field.Sqr(ToU256(a), out var r);
            ToBig(r).ShouldBe(a.Multiply(a).Multiply(RInverse).Mod(P), $"a={a.ToString(16)}");
        }
    }

    [Fact]
    public void SqrN_RepeatedSquaring_MatchesReference()
    {
        foreach (var a in Reduced.Take(20))
        {
            Sm2Field.SqrN(ToU256(a), 7, out var r);
            var expected = a;
            for (var i = 0; i < 7; i++)
            {
                expected = expected.Multiply(expected).Multiply(RInverse).Mod(P);
            }

            ToBig(r).ShouldBe(expected);
        }
    }

    [Fact]
    public void AddSubNeg_AllPairsOfReducedValues_MatchReference()
    {
        foreach (var a in Reduced)
        {
            Sm2Field.Neg(ToU256(a), out var negated);
            ToBig(negated).ShouldBe(a.Negate().Mod(P));
            Sm2Field.Dbl(ToU256(a), out var doubled);
            ToBig(doubled).ShouldBe(a.ShiftLeft(1).Mod(P));
            foreach (var b in Reduced)
            {
                Sm2Field.Add(ToU256(a), ToU256(b), out var sum);
                ToBig(sum).ShouldBe(a.Add(b).Mod(P), $"a={a.ToString(16)} b={b.ToString(16)}");
                Sm2Field.Sub(ToU256(a), ToU256(b), out var difference);
                ToBig(difference).ShouldBe(a.Subtract(b).Mod(P), $"a={a.ToString(16)} b={b.ToString(16)}");
            }
        }
    }

    [Fact]
    public void ToAndFromMontgomery_AnyValueBelow2Pow256_ReducesAndRoundTrips()
    {
        foreach (var a in Values)
        {
            Sm2Field.ToMontgomery(ToU256(a), out var m);
            ToBig(m).ShouldBe(a.ShiftLeft(256).Mod(P), $"a={a.ToString(16)}");
            Sm2Field.FromMontgomery(m, out var back);
            ToBig(back).ShouldBe(a.Mod(P));
            Sm2Field.FromMontgomery(ToU256(a), out var plain);
            ToBig(plain).ShouldBe(a.Multiply(RInverse).Mod(P));
        }
    }

    [Fact]
    public void Inv_ReducedValues_MatchesModInverseAndZeroMapsToZero()
    {
        foreach (var a in Reduced.Where(v => v.SignValue != 0))
        {
            Sm2Field.Inv(FieldMont(a), out var inverse);
            FromFieldMont(inverse).ShouldBe(a.ModInverse(P), $"a={a.ToString(16)}");
            Sm2Field.InvFermat(FieldMont(a), out var fermat);
            fermat.ShouldBe(inverse);
        }

        Sm2Field.Inv(default, out var zero);
        zero.IsZeroMask().ShouldBe(ulong.MaxValue);
        Sm2Field.InvFermat(default, out zero);
        zero.IsZeroMask().ShouldBe(ulong.MaxValue);
    }

    [Fact]
    public void IsCanonicalMask_ValuesAroundP_OnlyBelowP()
    {
        foreach (var a in Values)
        {
            Sm2Field.IsCanonicalMask(ToU256(a)).ShouldBe(a.CompareTo(P) < 0 ? ulong.MaxValue : 0UL, a.ToString(16));
        }
    }
}
