using GmPki.Core.Keys;

namespace GmPki.Kmc.Messages;

/// <summary>
/// A CA asks the KMC for a new encryption key pair for a holder (GM/T 0014 <c>ApplyKeyReq</c>
/// inside a <c>CARequest</c>; see docs/kmc.md for the field mapping).
/// </summary>
/// <param name="CaId">The requesting CA's ID as registered with the KMC.</param>
/// <param name="RequestId">The CA's ID for this request (GM/T 0014 <c>taskNO</c>); unique per CA, 1–128 characters.</param>
/// <param name="Algorithm">Algorithm of the encryption key pair (<c>appKeyType</c>/<c>appKeyLen</c>).</param>
/// <param name="HolderSigningPublicKey">DER SubjectPublicKeyInfo of the holder's signing key (<c>userPubKey</c>);
/// for an SM2 key pair it must be SM2: the private key is delivered in an envelope encrypted to it.</param>
/// <param name="NotBefore">Start of the encryption certificate's validity (<c>notBefore</c>).</param>
/// <param name="NotAfter">End of the encryption certificate's validity (<c>notAfter</c>); after <paramref name="NotBefore"/>.</param>
public sealed record ApplyKeyRequest(
    string CaId,
    string RequestId,
    KeyAlgorithm Algorithm,
    byte[] HolderSigningPublicKey,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter);
