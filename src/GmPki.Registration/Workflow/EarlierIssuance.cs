using GmPki.Core.Issuance;
using GmPki.Core.Ledger;

namespace GmPki.Registration.Workflow;

/// <summary>
/// The certificates already issued for an application (<see cref="ICertificateDirectory.FindIssuedForApplicationAsync"/>):
/// when a process stopped after the CA stored a certificate but before the fulfilment step was
/// recorded, the retried fulfilment takes these instead of issuing again (docs/issuance.md, "Crash-safe fulfilment").
/// </summary>
/// <param name="Certificates">Issued for the application, oldest first; empty on a first attempt.</param>
public sealed record EarlierIssuance(IReadOnlyList<CertificateRecord> Certificates)
{
    /// <summary>No earlier attempt issued anything.</summary>
    public static readonly EarlierIssuance None = new([]);

    /// <summary>The certificate issued earlier under <paramref name="profile"/>, or null.</summary>
    /// <param name="profile">The profile (the signing profile, or the pair's encryption profile).</param>
    /// <returns>The certificate with its serial, subject and validity as stored; its chain is left empty (the fulfilment records only serial, subject and validity).</returns>
    public IssuedCertificate? Under(string profile)
        => Certificates.FirstOrDefault(c => c.Reservation.Profile == profile && c.CertificateDer is not null) is { } found
            ? new IssuedCertificate(found.SerialHex, found.CertificateDer!, [], profile, found.Reservation.SubjectDn, found.Reservation.NotBefore, found.Reservation.NotAfter)
            : null;
}
