// Public data only: the public key, its precomputed table and Z are not secret.
namespace GmPki.Cryptography.Sm.P256;

/// <summary>
/// A validated SM2 public key prepared for verification: the affine point, the Z of the last user
/// ID, and, once the key has verified <see cref="PromotionThreshold"/> signatures, a
/// <see cref="Sm2PublicKeyTable"/> that makes each further verification several times faster.
/// Thread-safe: racing threads may both build the table; either copy is correct.
/// </summary>
internal sealed class Sm2VerificationKey
{
    /// <summary>Verifications after which the per-key table is built (it costs about three of them).</summary>
    public const int PromotionThreshold = 4;

    private readonly AffinePoint _point;
    private Sm2PublicKeyTable? _table;
    private int _uses;
    private ZCache? _z;

    private Sm2VerificationKey(byte[] x, byte[] y, in AffinePoint point)
    {
        X = x;
        Y = y;
        _point = point;
    }

    /// <summary>x, 32 big-endian bytes.</summary>
    public byte[] X { get; }

    /// <summary>y, 32 big-endian bytes.</summary>
    public byte[] Y { get; }

    /// <summary>True once the precomputed table is in use.</summary>
    public bool IsPromoted => Volatile.Read(ref _table) is not null;

    internal ref readonly AffinePoint Point => ref _point;

    /// <summary>Validates (x, y) (canonical coordinates, on the curve); null when invalid.</summary>
    public static Sm2VerificationKey? TryCreate(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
        => Sm2Engine.TryLoadPublicKey(x, y, out var point) ? new Sm2VerificationKey(x.ToArray(), y.ToArray(), point) : null;

    /// <summary>Z for <paramref name="userId"/> (cached for the most recent ID; callers must not modify it).</summary>
    public byte[] GetZ(ReadOnlySpan<byte> userId)
    {
        var cached = _z;
        if (cached is not null && userId.SequenceEqual(cached.UserId))
        {
            return cached.Z;
        }

        var z = Sm2BouncyCastleBridge.ComputeZ(X, Y, userId);
        _z = new ZCache(userId.ToArray(), z);
        return z;
    }

    /// <summary>The table when promoted (building it on the use that reaches the threshold), else null.</summary>
    internal Sm2PublicKeyTable? TableForThisUse()
    {
        var table = Volatile.Read(ref _table);
        if (table is not null)
        {
            return table;
        }

        if (Interlocked.Increment(ref _uses) < PromotionThreshold)
        {
            return null;
        }

        table = Sm2PublicKeyTable.Build(_point);
        Volatile.Write(ref _table, table);
        return table;
    }

    private sealed record ZCache(byte[] UserId, byte[] Z);
}
