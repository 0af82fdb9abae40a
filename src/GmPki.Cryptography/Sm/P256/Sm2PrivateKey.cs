// Constant-time argument: the private scalar d is secret. Validation compares d with 1 and n − 2
// through masks and branches only on the combined verdict (which is public: an invalid key is
// rejected). Everything derived (d·R, (1 + d)⁻¹·R, the public point) is computed with
// constant-time scalar and point routines. The buffers holding d are cleared after use.
namespace GmPki.Cryptography.Sm.P256;

/// <summary>
/// An SM2 private key d ∈ [1, n − 2] prepared for signing: d and (1 + d)⁻¹ mod n in Montgomery
/// form, and the public point d·G.
/// </summary>
internal sealed class Sm2PrivateKey
{
    private readonly U256 _dMontgomery;
    private readonly U256 _onePlusDInverseMontgomery;

    private Sm2PrivateKey(in U256 dMontgomery, in U256 onePlusDInverseMontgomery, byte[] publicX, byte[] publicY)
    {
        _dMontgomery = dMontgomery;
        _onePlusDInverseMontgomery = onePlusDInverseMontgomery;
        PublicX = publicX;
        PublicY = publicY;
    }

    /// <summary>x of d·G, 32 big-endian bytes.</summary>
    public byte[] PublicX { get; }

    /// <summary>y of d·G, 32 big-endian bytes.</summary>
    public byte[] PublicY { get; }

    internal ref readonly U256 DMontgomery => ref _dMontgomery;

    internal ref readonly U256 OnePlusDInverseMontgomery => ref _onePlusDInverseMontgomery;

    /// <summary>Prepares d given as 32 big-endian bytes.</summary>
    /// <exception cref="ArgumentException">d is not in [1, n − 2].</exception>
    public static Sm2PrivateKey Create(ReadOnlySpan<byte> d)
    {
        var value = U256.FromBigEndian(d);

        // Valid iff 1 ≤ d and d + 1 < n (d + 1 cannot overflow when d < n).
        var one = new U256(1, 0, 0, 0);
        var carry = U256.Add(value, one, out var onePlusD);
        var valid = ~value.IsZeroMask() & Sm2Scalar.LessThanOrderMask(onePlusD) & (carry - 1);
        if (valid == 0)
        {
            throw new ArgumentException("SM2 private key out of range [1, n − 2].", nameof(d));
        }

        Sm2Scalar.ToMontgomery(value, out var dMontgomery);
        Sm2Scalar.ToMontgomery(onePlusD, out var onePlusDMontgomery);
        Sm2Scalar.Inv(onePlusDMontgomery, out var inverse);

        Sm2Engine.PublicKey(value, out var x, out var y);
        var publicX = new byte[32];
        var publicY = new byte[32];
        x.ToBigEndian(publicX);
        y.ToBigEndian(publicY);
        return new Sm2PrivateKey(dMontgomery, inverse, publicX, publicY);
    }
}
