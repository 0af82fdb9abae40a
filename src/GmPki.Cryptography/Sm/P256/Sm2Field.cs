// Constant-time argument: field elements may be secret (coordinates of k·G). All operations are
// the straight-line Montgomery routines of Montgomery<T>; inversion is Fermat's a^(p−2) along a
// fixed addition chain, so the sequence of squarings and multiplications is the same for every
// input; the default inversion is the constant-time safegcd of SafeGcd<T>. Conversions from bytes reduce with a mask select, never a branch.
using System.Runtime.CompilerServices;

namespace GmPki.Cryptography.Sm.P256;

/// <summary>The SM2 prime p = 2^256 − 2^224 − 2^96 + 2^64 − 1.</summary>
internal readonly struct Sm2FieldModulus : IModulus256, ISignedModulus62
{
    public static long S0 => 0x3FFFFFFFFFFFFFFF;

    public static long S1 => 0x3FFFFFFC00000003;

    public static long S2 => 0x3FFFFFFFFFFFFFFF;

    public static long S3 => 0x3FFFFFBFFFFFFFFF;

    public static long S4 => 0xFF;

    public static ulong Inv62 => 0x3FFFFFFFFFFFFFFF;

    public static ulong M0 => 0xFFFFFFFFFFFFFFFFUL;

    public static ulong M1 => 0xFFFFFFFF00000000UL;

    public static ulong M2 => 0xFFFFFFFFFFFFFFFFUL;

    public static ulong M3 => 0xFFFFFFFEFFFFFFFFUL;

    public static ulong NegInv => 1;
}

/// <summary>
/// Arithmetic in GF(p) for sm2p256v1. Elements are kept in Montgomery form (a·2^256 mod p) and
/// are always fully reduced (below p).
/// </summary>
internal static class Sm2Field
{
    /// <summary>1 in Montgomery form (2^256 mod p).</summary>
    public static readonly U256 One = new(0x0000000000000001UL, 0x00000000FFFFFFFFUL, 0x0000000000000000UL, 0x0000000100000000UL);

    /// <summary>2^512 mod p, to enter Montgomery form.</summary>
    private static readonly U256 R2 = new(0x0000000200000003UL, 0x00000002FFFFFFFFUL, 0x0000000100000001UL, 0x0000000400000002UL);

    /// <summary>2^768 mod p: turns the plain inverse of a Montgomery form back into Montgomery form.</summary>
    private static readonly U256 R3 = new(0x0000001200000016UL, 0x0000000EFFFFFFF8UL, 0x0000000A0000000CUL, 0x0000001B00000009UL);

    /// <summary>The curve coefficient b in Montgomery form.</summary>
    public static readonly U256 B = new(0x90D230632BC0DD42UL, 0x71CF379AE9B537ABUL, 0x527981505EA51C3CUL, 0x240FE188BA20E2C8UL);

    /// <summary>p itself.</summary>
    public static U256 P => Montgomery<Sm2FieldModulus>.Modulus;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul(in U256 a, in U256 b, out U256 r) => Montgomery<Sm2FieldModulus>.Mul(a, b, out r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sqr(in U256 a, out U256 r) => Montgomery<Sm2FieldModulus>.Sqr(a, out r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in U256 a, in U256 b, out U256 r) => Montgomery<Sm2FieldModulus>.Add(a, b, out r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(in U256 a, in U256 b, out U256 r) => Montgomery<Sm2FieldModulus>.Sub(a, b, out r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Neg(in U256 a, out U256 r) => Montgomery<Sm2FieldModulus>.Neg(a, out r);

    /// <summary>r = 2a mod p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dbl(in U256 a, out U256 r) => Montgomery<Sm2FieldModulus>.Add(a, a, out r);

    /// <summary>Enters Montgomery form; <paramref name="a"/> may be any 256-bit value (it is reduced).</summary>
    public static void ToMontgomery(in U256 a, out U256 r) => Montgomery<Sm2FieldModulus>.Mul(a, R2, out r);

    /// <summary>Leaves Montgomery form: the canonical integer below p.</summary>
    public static void FromMontgomery(in U256 a, out U256 r)
    {
        var one = new U256(1, 0, 0, 0);
        Montgomery<Sm2FieldModulus>.Mul(a, one, out r);
    }

    /// <summary>All ones when a (an integer, not in Montgomery form) is below p.</summary>
    public static ulong IsCanonicalMask(in U256 a) => Montgomery<Sm2FieldModulus>.LessThanModulusMask(a);

    /// <summary>r = a⁻¹ (Montgomery form in and out); 0 maps to 0. Constant-time safegcd.</summary>
    public static void Inv(in U256 a, out U256 r)
    {
        // (aR)⁻¹ = a⁻¹R⁻¹ as an integer; a Montgomery product with R³ gives a⁻¹R.
        SafeGcd<Sm2FieldModulus>.Invert(a, out var plain);
        Mul(plain, R3, out r);
    }

    /// <summary>r = a⁻¹ (Montgomery form in and out); 0 maps to 0. Fermat: a^(p−2) on a fixed chain (cross-check for <see cref="Inv"/>).</summary>
    public static void InvFermat(in U256 a, out U256 r)
    {
        // p − 2 = FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFD:
        // 31 ones, a zero, 128 ones, 32 zeros, 62 ones, a zero, a one. xK below is a^(2^K − 1).
        var x1 = a;
        Sqr(x1, out var t);
        Mul(t, x1, out var x2);
        Sqr(x2, out t);
        Mul(t, x1, out var x3);
        SqrN(x3, 3, out t);
        Mul(t, x3, out var x6);
        SqrN(x6, 6, out t);
        Mul(t, x6, out var x12);
        SqrN(x12, 3, out t);
        Mul(t, x3, out var x15);
        SqrN(x15, 15, out t);
        Mul(t, x15, out var x30);
        Sqr(x30, out t);
        Mul(t, x1, out var x31);
        Sqr(x31, out t);
        Mul(t, x1, out var x32);

        Sqr(x31, out t); // 31 ones, then a zero
        for (var i = 0; i < 4; i++)
        {
            SqrN(t, 32, out t);
            Mul(t, x32, out t);
        }

        SqrN(t, 32, out t); // 32 zeros
        SqrN(t, 32, out t);
        Mul(t, x32, out t);
        SqrN(t, 30, out t);
        Mul(t, x30, out t);
        SqrN(t, 2, out t);
        Mul(t, x1, out r);
    }

    /// <summary><paramref name="n"/> ≥ 1 squarings.</summary>
    public static void SqrN(in U256 a, int n, out U256 r) => Montgomery<Sm2FieldModulus>.SqrN(a, n, out r);
}
