using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace GmPki.Storage.Ledger;

/// <summary>
/// The issuance cycle's writes. Each call writes its state change and its audit event in one
/// transaction. A transition is a single guarded <c>UPDATE … WHERE state = from</c>, so two
/// racing calls cannot both move the same serial and no row is read first.
/// </summary>
internal sealed class IssuanceLedger(IDbContextFactory<LedgerContext> contexts, WriteGate gate) : IIssuanceLedger
{
    public async Task<bool> TryReserveAsync(SerialReservation reservation, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(audit);

        using var turn = await gate.EnterAsync(cancellationToken);
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
            issuerLabel, serialHex, [CertificateState.Reserved], CertificateState.Intended, set => set.SetProperty(c => c.TbsDer, tbsDer), audit, cancellationToken);
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
            set => set.SetProperty(c => c.CertificateDer, certificateDer).SetProperty(c => c.IssuedAt, audit.OccurredAt),
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
            set => set.SetProperty(c => c.FailureReason, reason),
            audit,
            cancellationToken);
    }

    private async Task TransitionAsync(
        string issuerLabel,
        string serialHex,
        CertificateState[] allowedFrom,
        CertificateState to,
        Action<UpdateSettersBuilder<CertificateEntity>> change,
        AuditEvent audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuerLabel);
        ArgumentNullException.ThrowIfNull(serialHex);
        ArgumentNullException.ThrowIfNull(audit);

        using var turn = await gate.EnterAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var moved = false;
        foreach (var from in allowedFrom)
        {
            moved = await context.Certificates
                .Where(c => c.IssuerLabel == issuerLabel && c.SerialHex == serialHex && c.State == from)
                .ExecuteUpdateAsync(set => change(set.SetProperty(c => c.State, to)), cancellationToken) == 1;
            if (moved)
            {
                break;
            }
        }

        if (!moved)
        {
            var state = await context.Certificates.AsNoTracking()
                .Where(c => c.IssuerLabel == issuerLabel && c.SerialHex == serialHex)
                .Select(c => (CertificateState?)c.State)
                .SingleOrDefaultAsync(cancellationToken);
            throw state is null
                ? new InvalidOperationException($"Certificate {issuerLabel}/{serialHex} is not in the ledger; it cannot become {to}.")
                : IllegalTransition(issuerLabel, serialHex, $"is {state}", to, allowedFrom);
        }

        context.AuditEvents.Add(AuditEventEntity.From(audit));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static InvalidOperationException IllegalTransition(
        string issuerLabel, string serialHex, string situation, CertificateState to, CertificateState[] allowedFrom) =>
        new($"Certificate {issuerLabel}/{serialHex} {situation}; only a certificate that is "
            + $"{string.Join(" or ", allowedFrom)} can become {to}.");
}
