using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using Org.BouncyCastle.Asn1.Crmf;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// The <c>id-regCtrl-oldCertID</c> control of a key update request (RFC 4211 §6.5, RFC 4210
/// §5.3.5, RFC 9483 §4.1.3): the certificate to be updated. This CA updates only the certificate
/// whose key protects the request, so the control, when present, must name it — by the same
/// issuer (a directoryName) and serial number.
/// </summary>
internal static class CmpOldCertId
{
    /// <summary><c>id-regCtrl-oldCertID</c>.</summary>
    public const string Oid = "1.3.6.1.5.5.7.5.1.5";

    /// <summary>Checks the control of <paramref name="message"/> against <paramref name="signer"/>, the protection certificate.</summary>
    /// <exception cref="GmPkiException"><c>cmp-old-cert-id-mismatch</c> when it names another certificate; <c>request-invalid</c> when it is not a CertId.</exception>
    public static void Check(CertReqMsg message, X509CertificateStructure signer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signer);
        var control = message.CertReq.Controls?.ToAttributeTypeAndValueArray().FirstOrDefault(c => c.Type.Id == Oid);
        if (control is null)
        {
            return;
        }

        CertId named;
        try
        {
            named = CertId.GetInstance(control.Value);
        }
        catch (ArgumentException)
        {
            throw Errors.RequestInvalid.With("the id-regCtrl-oldCertID control is not a CertId (RFC 4211 §6.5).");
        }

        var serial = SerialText.FromOctets(named.SerialNumber.Value.ToByteArrayUnsigned());
        var expected = SerialText.FromOctets(signer.SerialNumber.Value.ToByteArrayUnsigned());
        var sameIssuer = named.Issuer.TagNo == GeneralName.DirectoryName && X509Name.GetInstance(named.Issuer.Name).Equivalent(signer.Issuer);
        if (serial != expected || !sameIssuer)
        {
            throw Errors.CmpOldCertIdMismatch.With($"id-regCtrl-oldCertID names certificate {serial} of '{named.Issuer}', but the request is protected with certificate {expected}; a kur updates the certificate that protects it (RFC 4210 §5.3.5).");
        }
    }
}
