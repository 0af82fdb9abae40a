using BenchmarkDotNet.Attributes;
using GmPki.Cryptography.Sm;
using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;

namespace GmPki.Benchmarks;

/// <summary>
/// SM2 (sm2p256v1) signing, verification and public-key derivation: the pure C# engine
/// (GmPki.Cryptography.Sm.P256) against BouncyCastle's SM2Signer. "Digest" variants start from
/// e = SM3(Z ‖ M); "Message" variants include Z and SM3 over a 64-byte message, as callers see it.
/// </summary>
[MemoryDiagnoser]
public class Sm2Benchmarks
{
    private static readonly byte[] Message = new byte[64];
    private readonly SecureRandom _random = new();
    private ECPrivateKeyParameters _bcPrivate = null!;
    private ECPublicKeyParameters _bcPublic = null!;
    private Sm2PrivateKey _key = null!;
    private byte[] _d = null!;
    private U256 _dValue;
    private byte[] _e = null!;
    private byte[] _signature = null!;
    private byte[] _bcSignature = null!;
    private byte[] _encodedPublic = null!;

    [GlobalSetup]
    public void Setup()
    {
        var d = new BigInteger(1, Convert.FromHexString("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8"));
        _bcPrivate = new ECPrivateKeyParameters(d, Sm2.Domain);
        _bcPublic = new ECPublicKeyParameters(Sm2.Domain.G.Multiply(d).Normalize(), Sm2.Domain);
        _d = Sm2BouncyCastleBridge.ToBytes32(d);
        _key = Sm2PrivateKey.Create(_d);
        _dValue = U256.FromBigEndian(_d);
        _e = Sm2BouncyCastleBridge.Digest(Sm2.ComputeZ(_bcPublic.Q, Sm2UserId.Default.Span), Message);
        _signature = Sm2Engine.Sign(_key, _e);
        _bcSignature = BouncyCastleSign();
        _encodedPublic = _bcPublic.Q.GetEncoded(false);
    }

    [Benchmark(Description = "Engine sign (digest)")]
    public byte[] EngineSignDigest() => Sm2Engine.Sign(_key, _e);

    [Benchmark(Description = "Engine verify (digest)")]
    public bool EngineVerifyDigest() => Sm2Engine.Verify(_key.PublicX, _key.PublicY, _e, _signature);

    [Benchmark(Description = "Engine public key d·G")]
    public ulong EnginePublicKey()
    {
        Sm2Engine.PublicKey(_dValue, out var x, out _);
        return x.L0;
    }

    [Benchmark(Description = "Engine key preparation (d·G, (1+d)⁻¹)")]
    public byte[] EnginePrepareKey() => Sm2PrivateKey.Create(_d).PublicX;

    [Benchmark(Description = "Sm2.Sign (message)")]
    public byte[] Sm2Sign() => Sm2.Sign(_bcPrivate, Sm2UserId.Default.Span, Message);

    [Benchmark(Description = "Sm2.Verify (message)")]
    public bool Sm2Verify() => Sm2.Verify(_bcPublic, Sm2UserId.Default.Span, Message, _signature);

    [Benchmark(Baseline = true, Description = "BouncyCastle SM2Signer sign (message)")]
    public byte[] BouncyCastleSign()
    {
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(_bcPrivate, _random), Sm2UserId.Default.ToArray()));
        signer.BlockUpdate(Message, 0, Message.Length);
        return signer.GenerateSignature();
    }

    [Benchmark(Description = "BouncyCastle SM2Signer verify (message)")]
    public bool BouncyCastleVerify()
    {
        var signer = new SM2Signer();
        signer.Init(false, new ParametersWithID(_bcPublic, Sm2UserId.Default.ToArray()));
        signer.BlockUpdate(Message, 0, Message.Length);
        return signer.VerifySignature(_bcSignature);
    }

    /// <summary>
    /// BouncyCastle "promotes" a point object that is used repeatedly and switches to fixed-point
    /// combs for it, which makes the verify benchmark above unrepresentative of verifying under a
    /// key seen for the first time (a CSR, a certificate from an unknown issuer). Here the public
    /// key object is decoded afresh for every verification, as PublicKey.Parse does.
    /// </summary>
    [Benchmark(Description = "BouncyCastle SM2Signer verify (fresh key object)")]
    public bool BouncyCastleVerifyFreshKey()
    {
        var publicKey = new ECPublicKeyParameters(Sm2.Domain.Curve.DecodePoint(_encodedPublic), Sm2.Domain);
        var signer = new SM2Signer();
        signer.Init(false, new ParametersWithID(publicKey, Sm2UserId.Default.ToArray()));
        signer.BlockUpdate(Message, 0, Message.Length);
        return signer.VerifySignature(_bcSignature);
    }

    [Benchmark(Description = "Sm2.Verify (message, fresh key object)")]
    public bool Sm2VerifyFreshKey()
        => Sm2.Verify(new ECPublicKeyParameters(Sm2.Domain.Curve.DecodePoint(_encodedPublic), Sm2.Domain), Sm2UserId.Default.Span, Message, _signature);

    [Benchmark(Description = "BouncyCastle public key d·G")]
    public object BouncyCastlePublicKey() => new FixedPointCombMultiplier().Multiply(Sm2.Domain.G, _bcPrivate.D).Normalize();
}
