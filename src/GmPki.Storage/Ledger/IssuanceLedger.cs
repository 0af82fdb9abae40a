using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>
/// The issuance cycle's writes. Each call saves its state change and its audit event with one
/// <c>SaveChanges</c>, so in one transaction. Transitions are checked twice: against the row
/// read, and by the database (the state is a concurrency token), so two racing calls cannot
/// both move the same serial.
/// </summary>
internal sealed class IssuanceLedger(IDbContextFactory<LedgerContext> contexts) : IIssuanceLedger
{
    public async Task<bool> TryReserveAsync(SerialReservation reservation, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(audit);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        context.Certificates.Add(CertificateEntity.Reserve(reservation));
        context.AuditEvents.Add(AuditEventEntity.From(audit));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception)
        {
            return context.ViolatedConstraint(exception) switch
            {
                ConstraintViolation.Unique => false,
                ConstraintViolation.ForeignKey => throw new GmPkiException(
                    Errors.AuthorityNotFound, $"no certificate authority '{reservation.IssuerLabel}' to reserve a serial for", exception),
                _ => throw new InvalidOperationException(
                    $"Reserving serial {reservation.IssuerLabel}/{reservation.SerialHex} failed.", exception),
            };
        }
    }

    public Task RecordIntendedAsync(string issuerLabel, string serialHex, byte[] tbsDer, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tbsDer);
        return TransitionAsync(
            issuerLabel, serialHex, [CertificateState.Reserved], CertificateState.Intended, row => row.TbsDer = tbsDer, audit, cancellationToken);
    }

    public Task RecordIssuedAsync(string issuerLabel, string serialHex, byte[] certificateDer, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        ArgumentNullException.ThrowIfNull(audit);
        return TransitionAsync(
            issuerLabel,
            serialHex,
            [CertificateState.Intended],
            CertificateState.Issued,
            row =>
            {
                row.CertificateDer = certificateDer;
                row.IssuedAt = audit.OccurredAt;
            },
            audit,
            cancellationToken);
    }

    public Task RecordFailedAsync(string issuerLabel, string serialHex, string reason, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return TransitionAsync(
            issuerLabel,
            serialHex,
            [CertificateState.Reserved, CertificateState.Intended],
            CertificateState.Failed,
            row => row.FailureReason = reason,
            audit,
            cancellationToken);
    }

    private async Task TransitionAsync(
        string issuerLabel,
        string serialHex,
        CertificateState[] allowedFrom,
        CertificateState to,
        Action<CertificateEntity> change,
        AuditEvent audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuerLabel);
        ArgumentNullException.ThrowIfNull(serialHex);
        ArgumentNullException.ThrowIfNull(audit);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Certificates.SingleOrDefaultAsync(
                c => c.IssuerLabel == issuerLabel && c.SerialHex == serialHex, cancellationToken)
            ?? throw new InvalidOperationException(
                $"Certificate {issuerLabel}/{serialHex} is not in the ledger; it cannot become {to}.");
        if (!allowedFrom.Contains(row.State))
        {
            throw IllegalTransition(issuerLabel, serialHex, $"is {row.State}", to, allowedFrom, inner: null);
        }

        row.State = to;
        change(row);
        context.AuditEvents.Add(AuditEventEntity.From(audit));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw IllegalTransition(issuerLabel, serialHex, "was moved by a concurrent call", to, allowedFrom, exception);
        }
    }

    private static InvalidOperationException IllegalTransition(
        string issuerLabel, string serialHex, string situation, CertificateState to, CertificateState[] allowedFrom, Exception? inner) =>
        new($"Certificate {issuerLabel}/{serialHex} {situation}; only a certificate that is "
            + $"{string.Join(" or ", allowedFrom)} can become {to}.", inner);
}
