using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Outbox;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>
/// The issuance cycle's writes, through the process's <see cref="LedgerWriter"/>: each call's
/// row change and audit event are one all-or-nothing write. A transition is one guarded
/// <c>UPDATE … WHERE state = from</c>, so no row is read first and of two racing calls on one
/// serial exactly one wins. With the directory outbox on, the issued certificate is queued for
/// LDAP publication in the write that records it.
/// </summary>
internal sealed class IssuanceLedger(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer, OutboxSwitch outbox) : IIssuanceLedger
{
    public async Task<bool> TryReserveAsync(SerialReservation reservation, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(audit);

        return await writer.WriteAsync([LedgerStatements.Reserve(reservation), LedgerStatements.Audit(audit)], cancellationToken) switch
        {
            WriteOutcome.Written => true,
            WriteOutcome.Duplicate => false,
            _ => throw Errors.AuthorityNotFound.With($"no certificate authority '{reservation.IssuerLabel}' to reserve a serial for"),
        };
    }

    public Task RecordIntendedAsync(string issuerLabel, string serialHex, byte[] tbsDer, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tbsDer);
        return TransitionAsync(issuerLabel, serialHex, CertificateState.Intended, [LedgerStatements.Intended(issuerLabel, serialHex, tbsDer)], audit, cancellationToken);
    }

    public Task RecordIssuedAsync(string issuerLabel, string serialHex, byte[] certificateDer, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        ArgumentNullException.ThrowIfNull(audit);
        IReadOnlyList<LedgerStep> steps = [LedgerStatements.Issued(issuerLabel, serialHex, certificateDer, audit.OccurredAt), .. outbox.UserCertificate(issuerLabel, serialHex, audit.OccurredAt)];
        return TransitionAsync(issuerLabel, serialHex, CertificateState.Issued, steps, audit, cancellationToken);
    }

    public async Task RecordFailedAsync(string issuerLabel, string serialHex, string reason, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        foreach (var from in new[] { CertificateState.Intended, CertificateState.Reserved })
        {
            if (await TryTransitionAsync([LedgerStatements.Failed(issuerLabel, serialHex, reason, from)], audit, cancellationToken))
            {
                return;
            }
        }

        throw await RefusedAsync(issuerLabel, serialHex, CertificateState.Failed, cancellationToken);
    }

    private async Task TransitionAsync(
        string issuerLabel, string serialHex, CertificateState to, IReadOnlyList<LedgerStep> steps, AuditEvent audit, CancellationToken cancellationToken)
    {
        if (!await TryTransitionAsync(steps, audit, cancellationToken))
        {
            throw await RefusedAsync(issuerLabel, serialHex, to, cancellationToken);
        }
    }

    private async Task<bool> TryTransitionAsync(IReadOnlyList<LedgerStep> steps, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return await writer.WriteAsync([.. steps, LedgerStatements.Audit(audit)], cancellationToken) == WriteOutcome.Written;
    }

    private async Task<InvalidOperationException> RefusedAsync(string issuerLabel, string serialHex, CertificateState to, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var state = await context.Certificates.AsNoTracking()
            .Where(c => c.IssuerLabel == issuerLabel && c.SerialHex == serialHex)
            .Select(c => (CertificateState?)c.State)
            .SingleOrDefaultAsync(cancellationToken);
        var allowed = to switch
        {
            CertificateState.Intended => "Reserved",
            CertificateState.Issued => "Intended",
            _ => "Reserved or Intended",
        };
        return state is null
            ? new InvalidOperationException($"Certificate {issuerLabel}/{serialHex} is not in the ledger; it cannot become {to}.")
            : new InvalidOperationException($"Certificate {issuerLabel}/{serialHex} is {state}; only a certificate that is {allowed} can become {to}.");
    }
}
