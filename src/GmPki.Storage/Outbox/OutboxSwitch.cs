using GmPki.Core.Status;
using GmPki.Storage.Writing;

namespace GmPki.Storage.Outbox;

/// <summary>
/// Whether the ledger's writes queue directory publications (<see cref="StorageOptions.DirectoryOutbox"/>):
/// the steps it gives are added to the write of the certificate or CRL they publish, and are
/// none when publication is off, so the outbox never grows on an installation without a directory.
/// </summary>
/// <param name="Enabled">Whether to queue.</param>
internal sealed record OutboxSwitch(bool Enabled)
{
    /// <summary>The step queuing an issued certificate, or none.</summary>
    public IEnumerable<LedgerStep> UserCertificate(string issuer, string serial, DateTime at)
        => Enabled ? [OutboxStatements.UserCertificate(issuer, serial, at)] : [];

    /// <summary>The step queuing a stored CRL, or none.</summary>
    public IEnumerable<LedgerStep> Crl(PublishedCrl crl, DateTime at)
        => Enabled ? [OutboxStatements.Crl(crl, at)] : [];
}
