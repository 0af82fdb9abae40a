using System.Net;
using System.Security.Cryptography;
using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Profiles;
using GmPki.Cryptography.Asn1;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Pkcs10 = Org.BouncyCastle.Asn1.Pkcs.CertificationRequest;

namespace GmPki.Issuance.Requests;

/// <summary>
/// Parses and checks PKCS#10 certification requests (RFC 2986), PEM or DER — or a DER CRMF
/// CertReqMsg (RFC 4211, from CMP; <see cref="CrmfRequestParser"/>): strict DER, an
/// accepted signature algorithm, a supported and strong key (see <see cref="PublicKey.Parse"/>),
/// a verifying proof of possession, single-valued RDNs of known attribute types, and a
/// well-formed subjectAltName request.
/// </summary>
/// <remarks>SM2 proofs of possession are tried with the GM/T 0009 default ID and then with the
/// empty ID, which OpenSSL 3.0 uses when <c>openssl req</c> is not given <c>-sigopt distid:…</c>.</remarks>
internal static class CertificationRequestParser
{
    /// <summary>Largest accepted request, in bytes of PEM or DER input (64 KiB).</summary>
    public const int MaxSize = 64 * 1024;

    private static readonly DerObjectIdentifier ExtensionRequest = PkcsObjectIdentifiers.Pkcs9AtExtensionRequest;

    /// <summary>Parses <paramref name="input"/>.</summary>
    /// <exception cref="GmPkiException"><c>csr-too-large</c>, <c>csr-malformed</c>,
    /// <c>csr-signature-algorithm-rejected</c>, <c>csr-weak-key</c>, <c>csr-unsupported-key</c>,
    /// <c>csr-bad-signature</c>, <c>csr-subject-rejected</c> or <c>csr-extension-rejected</c>.</exception>
    public static CertificationRequest Parse(ReadOnlySpan<byte> input)
    {
        if (input.Length > MaxSize)
        {
            throw Errors.CsrTooLarge.With($"{input.Length} bytes; the limit is {MaxSize}.");
        }

        var der = Unwrap(input);
        if (CrmfRequestParser.IsCertReqMsg(der))
        {
            return CrmfRequestParser.Parse(der);
        }

        var request = DecodeStrictDer(der);
        var info = request.GetCertificationRequestInfo();
        if (info.Version.Value.IntValue != 0)
        {
            throw Errors.CsrMalformed.With($"version {info.Version.Value} is not v1 (0).");
        }

        var algorithm = CheckSignatureAlgorithm(request.SignatureAlgorithm);
        var publicKey = PublicKey.Parse(info.SubjectPublicKeyInfo.GetDerEncoded());
        var sm2ProofId = VerifyProofOfPossession(info.GetDerEncoded(), SignatureOctets(request.Signature), algorithm, publicKey);
        return new CertificationRequest(ParseSubject(info.Subject), publicKey, ParseAltNames(info.Attributes), algorithm.Name, sm2ProofId);
    }

    /// <summary>The octets of a signature BIT STRING (RFC 2986 §4.2, RFC 4211 §4.1): a signature is whole octets.</summary>
    /// <exception cref="GmPkiException"><c>csr-malformed</c> when the BIT STRING has unused bits.</exception>
    internal static byte[] SignatureOctets(DerBitString signature)
        => signature.PadBits == 0 ? signature.GetOctets() : throw Errors.CsrMalformed.With($"the signature BIT STRING has {signature.PadBits} unused bits; a signature is whole octets.");

    private static byte[] Unwrap(ReadOnlySpan<byte> input)
    {
        var text = Encoding.ASCII.GetString(input).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (!text.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return input.ToArray();
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw Errors.CsrMalformed.With("the PEM armour is broken.");
        }

        var label = text[fields.Label];
        if (label is not ("CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST"))
        {
            throw Errors.CsrMalformed.With($"PEM label '{label}' is not CERTIFICATE REQUEST.");
        }

        return Convert.FromBase64String(text[fields.Base64Data]);
    }

    private static Pkcs10 DecodeStrictDer(byte[] der)
    {
        try
        {
            using var stream = new Asn1InputStream(der);
            var first = stream.ReadObject();
            if (first is not Asn1Sequence sequence || stream.ReadObject() is not null)
            {
                throw Errors.CsrMalformed.With("the input is not a single DER SEQUENCE.");
            }

            if (!sequence.GetDerEncoded().AsSpan().SequenceEqual(der))
            {
                throw Errors.CsrMalformed.With("the request is not DER-encoded (BER or trailing data).");
            }

            var request = Pkcs10.GetInstance(sequence);
            _ = request.GetCertificationRequestInfo().SubjectPublicKeyInfo ?? throw Errors.CsrMalformed.With("no subjectPKInfo.");
            return request;
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.CsrMalformed.With("the input is not a PKCS#10 CertificationRequest.");
        }
    }

    internal static SignatureAlgorithm CheckSignatureAlgorithm(AlgorithmIdentifier identifier)
    {
        var found = SignatureAlgorithm.Find(identifier.Algorithm.Id)
            ?? throw Errors.CsrSignatureAlgorithmRejected.With($"signature algorithm {identifier.Algorithm.Id} is not supported.");
        if (!found.Accepted)
        {
            throw Errors.CsrSignatureAlgorithmRejected.With($"{found.Name} is no longer accepted; sign the request with SM3withSM2 or SHA-256 or stronger.");
        }

        var parameters = identifier.Parameters;
        var parametersOk = found.Family == KeyFamily.Rsa
            ? parameters is null or DerNull
            : parameters is null || (found.Family == KeyFamily.Sm2 && parameters is DerNull);
        return parametersOk ? found : throw Errors.CsrSignatureAlgorithmRejected.With($"{found.Name} must not carry parameters.");
    }

    internal static string? VerifyProofOfPossession(byte[] signed, byte[] signature, SignatureAlgorithm algorithm, PublicKey key)
    {
        var family = key.Algorithm switch
        {
            KeyAlgorithm.Sm2 => KeyFamily.Sm2,
            KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 => KeyFamily.Ecdsa,
            _ => KeyFamily.Rsa,
        };
        if (algorithm.Family != family)
        {
            throw Errors.CsrBadSignature.With($"a {key.Algorithm.ToName()} key cannot make {algorithm.Name} signatures.");
        }

        if (family != KeyFamily.Sm2)
        {
            return key.Verify(algorithm, signed, signature, default) ? null : throw Errors.CsrBadSignature.With("the proof-of-possession signature is invalid.");
        }

        if (key.Verify(algorithm, signed, signature, Sm2UserId.Default.Span))
        {
            return "default";
        }

        return key.Verify(algorithm, signed, signature, Sm2UserId.Empty.Span)
            ? "empty"
            : throw Errors.CsrBadSignature.With("the SM2 proof-of-possession signature verifies neither with the default ID 1234567812345678 nor with the empty ID.");
    }

    /// <summary>The attributes of a name, refusing multi-valued RDNs, unknown types and non-string values.</summary>
    internal static List<RequestedAttribute> ParseSubject(X509Name subject)
    {
        var attributes = new List<RequestedAttribute>();
        foreach (var rdnEncodable in Asn1Sequence.GetInstance(subject.ToAsn1Object()))
        {
            var rdn = Asn1Set.GetInstance(rdnEncodable);
            if (rdn.Count != 1)
            {
                throw Errors.CsrSubjectRejected.With("multi-valued relative distinguished names are not supported.");
            }

            var pair = Asn1Sequence.GetInstance(rdn[0]);
            var type = DerObjectIdentifier.GetInstance(pair[0]);
            var attribute = SubjectAttribute.FindByOid(type.Id)
                ?? throw Errors.CsrSubjectRejected.With($"subject attribute {type.Id} is not supported.");
            if (pair[1] is not IAsn1String text || pair[1] is DerBitString)
            {
                throw Errors.CsrSubjectRejected.With($"{attribute.ShortName} is not a string.");
            }

            attributes.Add(new RequestedAttribute(attribute, text.GetString()));
        }

        return attributes;
    }

    private static List<RequestedAltName> ParseAltNames(Asn1Set? attributes)
    {
        var names = new List<RequestedAltName>();
        if (attributes is null)
        {
            return names;
        }

        var seenExtensionRequest = false;
        foreach (var encodable in attributes)
        {
            var attribute = AttributePkcs.GetInstance(encodable);
            if (!attribute.AttrType.Equals(ExtensionRequest))
            {
                continue;
            }

            if (seenExtensionRequest || attribute.AttrValues.Count != 1)
            {
                throw Errors.CsrExtensionRejected.With("the extensionRequest attribute must occur once with one value.");
            }

            seenExtensionRequest = true;
            X509Extensions extensions;
            try
            {
                extensions = X509Extensions.GetInstance(attribute.AttrValues[0]);
            }
            catch (ArgumentException)
            {
                throw Errors.CsrExtensionRejected.With("the extensionRequest value is not a list of extensions.");
            }

            var san = extensions.GetExtension(X509Extensions.SubjectAlternativeName);
            if (san is not null)
            {
                names.AddRange(ParseGeneralNames(san));
            }
        }

        return names;
    }

    /// <summary>The dNSName, iPAddress and rfc822Name entries of a subjectAltName extension; other forms are refused.</summary>
    internal static IEnumerable<RequestedAltName> ParseGeneralNames(X509Extension extension)
    {
        GeneralNames names;
        try
        {
            names = GeneralNames.GetInstance(X509Extension.ConvertValueToObject(extension));
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.CsrExtensionRejected.With("the requested subjectAltName is malformed.");
        }

        foreach (var name in names.GetNames())
        {
            yield return name.TagNo switch
            {
                GeneralName.DnsName => new RequestedAltName(SubjectAltNameType.Dns, DerIA5String.GetInstance(name.Name).GetString()),
                GeneralName.Rfc822Name => new RequestedAltName(SubjectAltNameType.Email, DerIA5String.GetInstance(name.Name).GetString()),
                GeneralName.UniformResourceIdentifier => new RequestedAltName(SubjectAltNameType.Uri, DerIA5String.GetInstance(name.Name).GetString()),
                GeneralName.IPAddress => IpAltName(Asn1OctetString.GetInstance(name.Name).GetOctets()),
                _ => throw Errors.CsrExtensionRejected.With($"subjectAltName entries of GeneralName type [{name.TagNo}] are not supported."),
            };
        }
    }

    private static RequestedAltName IpAltName(byte[] octets)
        => octets.Length is 4 or 16
            ? new RequestedAltName(SubjectAltNameType.IpAddress, new IPAddress(octets).ToString(), octets)
            : throw Errors.CsrExtensionRejected.With($"an iPAddress subjectAltName must have 4 or 16 octets, not {octets.Length}.");
}
