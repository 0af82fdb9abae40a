using System.Data.Common;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Status;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;
using GmPki.Storage.Outbox;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Status;

/// <summary>
/// The status services' reads (EF Core, no tracking) and writes: CRLs with their audit event
/// through the process's <see cref="LedgerWriter"/> (queued for LDAP publication in the same write
/// when the directory outbox is on); cRLNumbers from one atomic upsert on a
/// connection of its own, so that every process sharing the database draws from one counter.
/// </summary>
internal sealed class StatusLedger(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer, OutboxSwitch outbox) : IStatusLedger
{
    public async Task<StatusEntry?> FindAsync(string issuerLabel, string serialHex, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Issued(context, issuerLabel).FirstOrDefaultAsync(c => c.SerialHex == serialHex, cancellationToken);
        return row is null ? null : Entry(row);
    }

    public async Task<IReadOnlyList<StatusEntry>> ListRevokedAsync(string issuerLabel, int shard, DateTime at, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Issued(context, issuerLabel)
            .Where(c => c.CrlShard == shard && c.Status != CertificateStatus.Good && c.NotAfter > at)
            .OrderBy(c => c.SerialHex)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(Entry)];
    }

    public async Task<IReadOnlyList<StatusEntry>> ListIssuedAsync(string issuerLabel, DateTime at, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Issued(context, issuerLabel).Where(c => c.NotAfter > at).ToListAsync(cancellationToken);
        return [.. rows.Select(Entry)];
    }

    public async Task<IReadOnlyList<StatusEntry>> ChangedSinceAsync(DateTime since, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Certificates.AsNoTracking()
            .Where(c => c.StatusChangedAt >= since && c.State == CertificateState.Issued)
            .OrderBy(c => c.StatusChangedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(Entry)];
    }

    /// <exception cref="GmPkiException"><c>authority-not-found</c> when the CA is not registered.</exception>
    public async Task<long> NextCrlNumberAsync(string issuerLabel, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = StatusStatements.NextCrlNumber;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "issuer";
        parameter.Value = issuerLabel;
        command.Parameters.Add(parameter);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException e) when (context.Database.IsSqlite() ? SqliteLedgerContext.Classify(e) == ConstraintViolation.ForeignKey : PostgresLedgerContext.Classify(e) == ConstraintViolation.ForeignKey)
        {
            throw Errors.AuthorityNotFound.With($"no certificate authority '{issuerLabel}' to number a CRL for");
        }
    }

    /// <exception cref="GmPkiException"><c>authority-not-found</c> when the CA is not registered.</exception>
    public async Task StoreCrlAsync(PublishedCrl crl, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crl);
        ArgumentNullException.ThrowIfNull(auditEvent);
        var outcome = await writer.WriteAsync(
            [StatusStatements.Crl(crl), .. outbox.Crl(crl, auditEvent.OccurredAt), LedgerStatements.Audit(auditEvent)], cancellationToken);
        if (outcome != WriteOutcome.Written)
        {
            throw Errors.AuthorityNotFound.With($"CRL {crl.Number} of '{crl.IssuerLabel}' was refused ({outcome}); is the CA registered?");
        }
    }

    public async Task<PublishedCrl?> LatestCrlAsync(string issuerLabel, int shard, bool delta, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Latest(context, issuerLabel, shard, delta).FirstOrDefaultAsync(cancellationToken);
        return row?.ToRecord();
    }

    public async Task<CrlSummary?> LatestCrlSummaryAsync(string issuerLabel, int shard, bool delta, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await Latest(context, issuerLabel, shard, delta).Select(c => new CrlSummary(c.Number, c.BaseNumber, c.ThisUpdate)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<PublishedCrl?> FindCrlAsync(string issuerLabel, long number, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Set<CrlEntity>().AsNoTracking().FirstOrDefaultAsync(c => c.IssuerLabel == issuerLabel && c.Number == number, cancellationToken);
        return row?.ToRecord();
    }

    /// <summary>
    /// The shard's CRLs of one kind, highest number first; a delta only when it is newer than the
    /// shard's latest complete CRL (an older delta extends a superseded base and stays archived).
    /// </summary>
    private static IQueryable<CrlEntity> Latest(LedgerContext context, string issuerLabel, int shard, bool delta)
    {
        var crls = context.Set<CrlEntity>().AsNoTracking().Where(c => c.IssuerLabel == issuerLabel && c.Shard == shard);
        var current = delta
            ? crls.Where(c => c.BaseNumber != null && c.Number > (crls.Where(b => b.BaseNumber == null).Max(b => (long?)b.Number) ?? 0))
            : crls.Where(c => c.BaseNumber == null);
        return current.OrderByDescending(c => c.Number);
    }

    private static IQueryable<CertificateEntity> Issued(LedgerContext context, string issuerLabel)
        => context.Certificates.AsNoTracking().Where(c => c.IssuerLabel == issuerLabel && c.State == CertificateState.Issued);

    private static StatusEntry Entry(CertificateEntity c)
        => new(c.IssuerLabel, c.SerialHex, c.CrlShard, c.Status, c.StatusChangedAt, c.RevocationReason, c.NotAfter);
}
