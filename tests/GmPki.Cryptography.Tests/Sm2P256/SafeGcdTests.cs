using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Math;
using static GmPki.Cryptography.Tests.Sm2P256.Sm2TestMath;

namespace GmPki.Cryptography.Tests.Sm2P256;

public class SafeGcdTests
{
    [Fact]
    public void Invert_ModP_EdgeAndRandomValues_MatchModInverse()
    {
        foreach (var a in Values(P, 2000, seed: 21).Select(v => v.Mod(P)).Where(v => v.SignValue != 0))
        {
            SafeGcd<Sm2FieldModulus>.Invert(ToU256(a), out var inverse);
            ToBig(inverse).ShouldBe(a.ModInverse(P), a.ToString(16));
        }
    }

    [Fact]
    public void Invert_ModN_EdgeAndRandomValues_MatchModInverse()
    {
        foreach (var a in Values(N, 2000, seed: 22).Select(v => v.Mod(N)).Where(v => v.SignValue != 0))
        {
            SafeGcd<Sm2OrderModulus>.Invert(ToU256(a), out var inverse);
            ToBig(inverse).ShouldBe(a.ModInverse(N), a.ToString(16));
        }
    }

    [Fact]
    public void Invert_Zero_IsZero()
    {
        SafeGcd<Sm2FieldModulus>.Invert(default, out var p);
        p.IsZeroMask().ShouldBe(ulong.MaxValue);
        SafeGcd<Sm2OrderModulus>.Invert(default, out var n);
        n.IsZeroMask().ShouldBe(ulong.MaxValue);
    }

    [Fact]
    public void SignedLimbConstants_MatchModuli()
    {
        static BigInteger FromLimbs(long s0, long s1, long s2, long s3, long s4) =>
            BigInteger.ValueOf(s4).ShiftLeft(248).Add(BigInteger.ValueOf(s3).ShiftLeft(186)).Add(BigInteger.ValueOf(s2).ShiftLeft(124))
                .Add(BigInteger.ValueOf(s1).ShiftLeft(62)).Add(BigInteger.ValueOf(s0));
        var two62 = BigInteger.One.ShiftLeft(62);

        FromLimbs(Sm2FieldModulus.S0, Sm2FieldModulus.S1, Sm2FieldModulus.S2, Sm2FieldModulus.S3, Sm2FieldModulus.S4).ShouldBe(P);
        FromLimbs(Sm2OrderModulus.S0, Sm2OrderModulus.S1, Sm2OrderModulus.S2, Sm2OrderModulus.S3, Sm2OrderModulus.S4).ShouldBe(N);
        new BigInteger(1, BitConverter.GetBytes(Sm2FieldModulus.Inv62).Reverse().ToArray()).ShouldBe(P.ModInverse(two62));
        new BigInteger(1, BitConverter.GetBytes(Sm2OrderModulus.Inv62).Reverse().ToArray()).ShouldBe(N.ModInverse(two62));
    }
}
