using System.Security.Cryptography;
using GmPki.Core.Keys;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// Builds and protects CMP responses (RFC 4210 §5.1): the header answers the request's
/// (same <c>pvno</c> and <c>transactionID</c>, <c>recipNonce</c> = its <c>senderNonce</c>, a fresh
/// <c>senderNonce</c>, the CA's subject as sender); the protection is the request's kind — a
/// password-based MAC with the same secret and parameters and a fresh salt, or else the issuing
/// CA's signature — and <c>extraCerts</c> carries the CA chain, issuing CA first.
/// </summary>
internal static class CmpResponses
{
    /// <summary>The protected response to <paramref name="request"/> (null when it could not be parsed) from <paramref name="sender"/> (null when not authenticated), with <paramref name="senderNonce"/>.</summary>
    public static async Task<PkiMessage> BuildAsync(IEnrollmentAuthority authority, PkiHeader? request, CmpSender? sender, PkiBody body, byte[] senderNonce, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(clock);
        var chain = (await authority.ChainAsync(cancellationToken)).Select(c => new CmpCertificate(X509CertificateStructure.GetInstance(c))).ToArray();
        var mac = sender is { Mac: { } parameters, Secret: { } secret } ? (Parameters: parameters, Secret: secret) : default((PbmParameter Parameters, byte[] Secret)?);
        var signing = mac is null ? await authority.ProtectionAsync(sender?.Sm2UserId ?? Sm2UserId.Empty, cancellationToken) : default((ISigningKey Key, byte[] Certificate)?);
        var protector = signing is { } found ? new CmpCertificate(X509CertificateStructure.GetInstance(found.Certificate)) : null;
        var header = new PkiHeaderBuilder(request?.Pvno.IntValueExact ?? PkiHeader.CMP_2000, new GeneralName((protector ?? chain[0]).X509v3PKCert.Subject),
            request?.Sender ?? new GeneralName(X509Name.GetInstance(DerSequence.Empty)));
        header.SetMessageTime(new DerGeneralizedTime(clock.GetUtcNow().UtcDateTime));
        header.SetTransactionID(request?.TransactionID?.GetOctets() ?? RandomNumberGenerator.GetBytes(16));
        header.SetSenderNonce(senderNonce);
        if (request?.SenderNonce is { } nonce)
        {
            header.SetRecipNonce(nonce.GetOctets());
        }

        if (mac is { } password)
        {
            var algorithm = CmpPasswordMac.ForResponse(password.Parameters);
            header.SetProtectionAlg(algorithm);
            var macHeader = header.Build();
            var code = CmpPasswordMac.Compute(PbmParameter.GetInstance(algorithm.Parameters), password.Secret, new ProtectedPart(macHeader, body).GetDerEncoded());
            return new PkiMessage(macHeader, body, new DerBitString(code), chain);
        }

        var key = signing!.Value.Key;
        if (protector!.X509v3PKCert.TbsCertificate.Extensions?.GetExtension(X509Extensions.SubjectKeyIdentifier) is { } ski)
        {
            header.SetSenderKID(SubjectKeyIdentifier.GetInstance(ski.GetParsedValue()).GetKeyIdentifier());
        }

        header.SetProtectionAlg(AlgorithmIdentifier.GetInstance(Asn1Object.FromByteArray(key.SignatureAlgorithm.ToArray())));
        var signedHeader = header.Build();
        return new PkiMessage(signedHeader, body, new DerBitString(key.Sign(new ProtectedPart(signedHeader, body).GetDerEncoded())), [protector, .. chain]);
    }
}
