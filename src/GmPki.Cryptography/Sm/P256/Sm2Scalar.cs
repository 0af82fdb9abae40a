// Constant-time argument: scalars d and k are secret. Every operation is the straight-line
// Montgomery arithmetic of Montgomery<T>. Inversion is the constant-time safegcd of SafeGcd<T>;
// the Fermat cross-check a^(n−2) uses 4-bit windows of the public exponent n − 2, so its table
// index depends only on public data and its operation sequence is identical for every input.
namespace GmPki.Cryptography.Sm.P256;

/// <summary>The order n of the sm2p256v1 base point.</summary>
internal readonly struct Sm2OrderModulus : IModulus256, ISignedModulus62
{
    public static long S0 => 0x13BBF40939D54123;

    public static long S1 => 0x080F7DAC871814AD;

    public static long S2 => 0x3FFFFFFFFFFFFFF7;

    public static long S3 => 0x3FFFFFBFFFFFFFFF;

    public static long S4 => 0xFF;

    public static ulong Inv62 => 0x0D8061778DCAF68BUL;

    public static ulong M0 => 0x53BBF40939D54123UL;

    public static ulong M1 => 0x7203DF6B21C6052BUL;

    public static ulong M2 => 0xFFFFFFFFFFFFFFFFUL;

    public static ulong M3 => 0xFFFFFFFEFFFFFFFFUL;

    public static ulong NegInv => 0x327F9E8872350975UL;
}

/// <summary>Arithmetic modulo the group order n (scalars), Montgomery form where stated.</summary>
internal static class Sm2Scalar
{
    /// <summary>2^512 mod n, to enter Montgomery form.</summary>
    private static readonly U256 R2 = new(0x901192AF7C114F20UL, 0x3464504ADE6FA2FAUL, 0x620FC84C3AFFE0D4UL, 0x1EB5E412A22B3D3BUL);

    /// <summary>1 in Montgomery form (2^256 mod n).</summary>
    public static readonly U256 One = new(0xAC440BF6C62ABEDDUL, 0x8DFC2094DE39FAD4UL, 0x0000000000000000UL, 0x0000000100000000UL);

    /// <summary>2^768 mod n.</summary>
    private static readonly U256 R3 = new(0x6FF874C70EAA0B85UL, 0x87D0C315AABE8D32UL, 0x4C4FBBB397185AFCUL, 0xC813249CD574EA14UL);

    /// <summary>n − 2 (the Fermat exponent), least significant limb first.</summary>
    private static readonly U256 NMinus2 = new(0x53BBF40939D54121UL, 0x7203DF6B21C6052BUL, 0xFFFFFFFFFFFFFFFFUL, 0xFFFFFFFEFFFFFFFFUL);

    /// <summary>n itself.</summary>
    public static U256 N => Montgomery<Sm2OrderModulus>.Modulus;

    public static void Mul(in U256 a, in U256 b, out U256 r) => Montgomery<Sm2OrderModulus>.Mul(a, b, out r);

    public static void Add(in U256 a, in U256 b, out U256 r) => Montgomery<Sm2OrderModulus>.Add(a, b, out r);

    public static void Sub(in U256 a, in U256 b, out U256 r) => Montgomery<Sm2OrderModulus>.Sub(a, b, out r);

    /// <summary>Reduces any 256-bit integer modulo n.</summary>
    public static void Reduce(in U256 a, out U256 r) => Montgomery<Sm2OrderModulus>.Reduce(a, out r);

    /// <summary>Enters Montgomery form; <paramref name="a"/> may be any 256-bit value.</summary>
    public static void ToMontgomery(in U256 a, out U256 r) => Montgomery<Sm2OrderModulus>.Mul(a, R2, out r);

    /// <summary>Leaves Montgomery form.</summary>
    public static void FromMontgomery(in U256 a, out U256 r)
    {
        var one = new U256(1, 0, 0, 0);
        Montgomery<Sm2OrderModulus>.Mul(a, one, out r);
    }

    /// <summary>All ones when the integer <paramref name="a"/> is below n.</summary>
    public static ulong LessThanOrderMask(in U256 a) => Montgomery<Sm2OrderModulus>.LessThanModulusMask(a);

    /// <summary>r = a⁻¹ mod n in Montgomery form (0 maps to 0); constant-time safegcd.</summary>
    public static void Inv(in U256 a, out U256 r)
    {
        SafeGcd<Sm2OrderModulus>.Invert(a, out var plain);
        Mul(plain, R3, out r);
    }

    /// <summary>r = a⁻¹ mod n in Montgomery form (0 maps to 0) by Fermat (cross-check for <see cref="Inv"/>).</summary>
    public static void InvFermat(in U256 a, out U256 r)
    {
        // Powers a^0..a^15 (Montgomery form), then left-to-right 4-bit fixed windows of n − 2.
        Span<U256> table = stackalloc U256[16];
        table[0] = One;
        table[1] = a;
        for (var i = 2; i < 16; i++)
        {
            Montgomery<Sm2OrderModulus>.Mul(table[i - 1], a, out table[i]);
        }

        var acc = table[(int)(NMinus2.L3 >> 60)];
        for (var bit = 252 - 4; bit >= 0; bit -= 4)
        {
            Montgomery<Sm2OrderModulus>.SqrN(acc, 4, out acc);
            var window = (int)((WindowOf(NMinus2, bit)) & 0xF);
            Montgomery<Sm2OrderModulus>.Mul(acc, table[window], out acc);
        }

        r = acc;
    }

    private static ulong WindowOf(in U256 e, int bit) => (bit >> 6) switch
    {
        0 => e.L0 >> (bit & 63),
        1 => e.L1 >> (bit & 63),
        2 => e.L2 >> (bit & 63),
        _ => e.L3 >> (bit & 63),
    };
}
