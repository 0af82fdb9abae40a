using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Math;
using static GmPki.Cryptography.Tests.Sm2P256.Sm2TestMath;

namespace GmPki.Cryptography.Tests.Sm2P256;

public class Sm2ScalarTests
{
    private static readonly BigInteger RInverse = R.ModInverse(N);

    private static readonly BigInteger[] Values = Sm2TestMath.Values(N, 100, seed: 2).ToArray();

    private static readonly BigInteger[] Reduced = Values.Where(v => v.CompareTo(N) < 0).ToArray();

    [Fact]
    public void Constants_MatchCurveOrder()
    {
        ToBig(Sm2Scalar.N).ShouldBe(N);
        ToBig(Sm2Scalar.One).ShouldBe(R.Mod(N));
    }

    [Fact]
    public void Mul_AllPairsWithOneReducedOperand_MatchesMontgomeryProduct()
    {
        foreach (var a in Reduced)
        {
            foreach (var b in Values)
            {
                Sm2Scalar.Mul(ToU256(a), ToU256(b), out var r);
                ToBig(r).ShouldBe(a.Multiply(b).Multiply(RInverse).Mod(N), $"a={a.ToString(16)} b={b.ToString(16)}");
            }
        }
    }

    [Fact]
    public void AddSub_AllPairsOfReducedValues_MatchReference()
    {
        foreach (var a in Reduced)
        {
            foreach (var b in Reduced)
            {
                Sm2Scalar.Add(ToU256(a), ToU256(b), out var sum);
                ToBig(sum).ShouldBe(a.Add(b).Mod(N));
                Sm2Scalar.Sub(ToU256(a), ToU256(b), out var difference);
                ToBig(difference).ShouldBe(a.Subtract(b).Mod(N));
            }
        }
    }

    [Fact]
    public void ReduceAndMontgomery_AnyValueBelow2Pow256_MatchReference()
    {
        foreach (var a in Values)
        {
            Sm2Scalar.Reduce(ToU256(a), out var reduced);
            ToBig(reduced).ShouldBe(a.Mod(N), a.ToString(16));
            Sm2Scalar.ToMontgomery(ToU256(a), out var m);
            ToBig(m).ShouldBe(a.ShiftLeft(256).Mod(N));
            Sm2Scalar.FromMontgomery(m, out var back);
            ToBig(back).ShouldBe(a.Mod(N));
            Sm2Scalar.LessThanOrderMask(ToU256(a)).ShouldBe(a.CompareTo(N) < 0 ? ulong.MaxValue : 0UL);
        }
    }

    [Fact]
    public void Inv_ReducedValues_MatchesModInverse()
    {
        foreach (var a in Reduced.Where(v => v.SignValue != 0))
        {
            Sm2Scalar.ToMontgomery(ToU256(a), out var m);
            Sm2Scalar.Inv(m, out var inverse);
            Sm2Scalar.FromMontgomery(inverse, out var plain);
            ToBig(plain).ShouldBe(a.ModInverse(N), a.ToString(16));
            Sm2Scalar.InvFermat(m, out var fermat);
            fermat.ShouldBe(inverse);
        }
    }
}
