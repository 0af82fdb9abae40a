using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Asn1;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;

namespace GmPki.Status.Ocsp;

/// <summary>
/// Parses an OCSP request (RFC 6960 §4.1.1) strictly: DER with nothing after it, version v1,
/// 1–<see cref="MaxCertificates"/> CertIDs hashed with SHA-1, SHA-256 or SM3, a nonce of 1–32
/// octets (RFC 8954 §2.1) if any. A request signature is accepted and not checked (the responder
/// answers anyone, RFC 6960 §4.1.2).
/// </summary>
public static class OcspRequestReader
{
    /// <summary>Largest request body accepted: 16 KiB.</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>Most CertIDs in one request.</summary>
    public const int MaxCertificates = 16;

    /// <summary>Parses <paramref name="der"/>.</summary>
    /// <exception cref="GmPkiException"><c>ocsp-malformed-request</c>, with what is wrong.</exception>
    internal static OcspQuery Read(ReadOnlySpan<byte> der)
    {
        if (der.IsEmpty || der.Length > MaxLength)
        {
            throw Errors.OcspMalformedRequest.With($"the request is {der.Length} bytes; it must be 1 to {MaxLength}.");
        }

        try
        {
            var bytes = der.ToArray();
            using var stream = new Asn1InputStream(bytes);
            var sequence = (Asn1Sequence)stream.ReadObject();
            if (stream.Position != bytes.Length || !sequence.GetDerEncoded().AsSpan().SequenceEqual(bytes))
            {
                throw Errors.OcspMalformedRequest.With("the request is not DER-encoded or has trailing bytes.");
            }

            return Query(OcspRequest.GetInstance(sequence).TbsRequest);
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.OcspMalformedRequest.With("the request is not a DER OCSPRequest.");
        }
    }

    private static OcspQuery Query(TbsRequest tbs)
    {
        if (tbs.Version.IntValueExact != 0)
        {
            throw Errors.OcspMalformedRequest.With($"request version {tbs.Version.Value} is not v1.");
        }

        if (tbs.RequestList.Count is < 1 or > MaxCertificates)
        {
            throw Errors.OcspMalformedRequest.With($"the request asks about {tbs.RequestList.Count} certificates; 1 to {MaxCertificates} are accepted.");
        }

        var certificates = new List<RequestedCertificate>(tbs.RequestList.Count);
        foreach (var item in tbs.RequestList)
        {
            var id = Request.GetInstance(item).ReqCert;
            var hash = CertIdHashes.Find(id.HashAlgorithm.Algorithm.Id)
                ?? throw Errors.OcspMalformedRequest.With($"CertID hash algorithm {id.HashAlgorithm.Algorithm.Id} is not SHA-1, SHA-256 or SM3.");
            var serial = id.SerialNumber.Value;
            if (serial.SignValue <= 0)
            {
                throw Errors.OcspMalformedRequest.With("a CertID serial number is not positive.");
            }

            certificates.Add(new RequestedCertificate(id, hash, SerialText.FromOctets(serial.ToByteArrayUnsigned())));
        }

        return new OcspQuery(certificates, Nonce(tbs));
    }

    private static byte[]? Nonce(TbsRequest tbs)
    {
        var extension = tbs.RequestExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (extension is null)
        {
            return null;
        }

        // RFC 8954 §2.1: the value is an OCTET STRING of 1 to 32 octets (openssl ocsp sends 16).
        var octets = extension.Value.GetOctets();
        var value = octets.Length > 0 && octets[0] == 0x04 ? Asn1OctetString.GetInstance(octets).GetOctets() : octets;
        return value.Length is >= 1 and <= 32
            ? value
            : throw Errors.OcspMalformedRequest.With($"the nonce is {value.Length} octets; 1 to 32 are accepted (RFC 8954).");
    }
}
