using System.Buffers.Binary;

namespace GmPki.Kmc.Envelopes;

/// <summary>
/// The GM/T 0016-2012 (SKF) <c>ENVELOPEDKEYBLOB</c> that USB keys import with
/// <c>SKF_ImportECCKeyPair</c>: packed, little-endian <c>ULONG</c>s, 256-bit values right-aligned
/// (zero-padded in front) in 64-byte fields; 388 bytes for an SM4 key:
/// <code>
///   0  ULONG Version = 1            4  ULONG ulSymmAlgID = SGD_SM4_ECB 0x00000401   8  ULONG ulBits = 256
///  12  BYTE  cbEncryptedPriKey[64]  (32 zero bytes, then the 32-byte SM4-ECB ciphertext of d)
///  76  ECCPUBLICKEYBLOB  { ULONG BitLen = 256; BYTE XCoordinate[64]; BYTE YCoordinate[64] }
/// 208  ECCCIPHERBLOB     { BYTE XCoordinate[64]; BYTE YCoordinate[64]; BYTE HASH[32];
///                          ULONG CipherLen = 16; BYTE Cipher[16] }
/// </code>
/// </summary>
internal static class SkfEnvelopedKeyBlob
{
    /// <summary><c>SGD_SM4_ECB</c> (GM/T 0006).</summary>
    public const uint SgdSm4Ecb = 0x00000401;

    private const int Field = 64;
    private const int Half = 32;

    /// <summary>Encodes <paramref name="envelope"/> as an ENVELOPEDKEYBLOB.</summary>
    public static byte[] Encode(Sm2EnvelopedKey envelope)
    {
        var (x, y, hash, cipher) = Sm2Cipher.Decode(envelope.EncryptedSymmetricKey);
        var blob = new byte[12 + Field + (4 + (2 * Field)) + (2 * Field) + 32 + 4 + cipher.Length];
        var span = blob.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], SgdSm4Ecb);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], 256);
        envelope.EncryptedPrivateKey.CopyTo(span[(12 + Half)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[76..], 256);
        envelope.PublicKey.AsSpan(1, Half).CopyTo(span[(80 + Half)..]);
        envelope.PublicKey.AsSpan(1 + Half, Half).CopyTo(span[(144 + Half)..]);
        x.CopyTo(span[(208 + Half)..]);
        y.CopyTo(span[(272 + Half)..]);
        hash.CopyTo(span[336..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[368..], (uint)cipher.Length);
        cipher.CopyTo(span[372..]);
        return blob;
    }
}
