using System.Security.Cryptography;
using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Kmc.Storage;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Custody;

/// <summary>
/// Custody of the KMC master key (密钥分管, GM/T 0014 and GB/T 25056 key management
/// requirements): the 32-byte master secret is split M-of-N among named custodians with
/// <see cref="ShamirSecretSharing"/>; the KMC stores only the custody parameters and a check
/// value. The KMC is <em>sealed</em> (cannot escrow or recover keys) until M custodians present
/// their shares; <see cref="SealAsync"/> wipes the key from memory. Every custodian action is
/// audited (<c>kmc.custody.*</c>, docs/kmc.md). Safe for concurrent use.
/// </summary>
public sealed class MasterKeyCustody : IDisposable
{
    private readonly KmcDatabase _database;
    private readonly KmcAudit _audit;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private UnsealedMasterKey? _current;

    /// <summary>Creates the custody service, sealed.</summary>
    /// <param name="database">The KMC's database.</param>
    /// <param name="auditLog">Sink of the custody audit events.</param>
    /// <param name="time">Clock for records and events.</param>
    public MasterKeyCustody(KmcDatabase database, IAuditLog auditLog, TimeProvider time)
    {
        _database = database;
        _time = time;
        _audit = new KmcAudit(auditLog, time);
    }

    /// <summary>Whether the master key is in memory.</summary>
    public bool IsUnsealed
    {
        get
        {
            lock (_gate)
            {
                return _current is not null;
            }
        }
    }

    /// <summary>
    /// The key ceremony: generates the master secret, stores its custody record and check value,
    /// and returns one share per custodian (the only time the shares exist outside the custodians'
    /// hands). The KMC stays sealed.
    /// </summary>
    /// <param name="custodians">Custodian names, distinct, 2–255; share x = i + 1 goes to custodians[i].</param>
    /// <param name="threshold">M, 2 ≤ M ≤ N.</param>
    /// <param name="actor">Who runs the ceremony.</param>
    /// <param name="cancellationToken">Cancels the ceremony before the record is written.</param>
    /// <exception cref="GmPkiException"><c>kmc-custody-invalid</c> for bad parameters;
    /// <c>kmc-master-key-exists</c> when a master key was already generated.</exception>
    public async Task<IReadOnlyList<CustodianShare>> GenerateAsync(IReadOnlyList<string> custodians, int threshold, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(custodians);
        ArgumentNullException.ThrowIfNull(actor);
        if (custodians.Count < 2 || custodians.Count > ShamirSecretSharing.MaxShares || threshold < 2 || threshold > custodians.Count
            || custodians.Any(c => string.IsNullOrWhiteSpace(c) || c.Contains('\n', StringComparison.Ordinal))
            || custodians.Distinct(StringComparer.Ordinal).Count() != custodians.Count)
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.generation-rejected", null,
                KmcErrors.CustodyInvalid.With($"need 2 ≤ M ≤ N ≤ {ShamirSecretSharing.MaxShares} distinct, non-empty custodian names; got M = {threshold} of {custodians.Count}."),
                null, cancellationToken);
        }

        await using var context = _database.CreateContext();
        if (await context.MasterKeys.AnyAsync(cancellationToken))
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.generation-rejected", null,
                KmcErrors.MasterKeyExists.With("rotate custodians with a new ceremony on a new KMC database (re-encryption is not implemented yet)."),
                null, cancellationToken);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = MasterSecret.Generate();
        try
        {
            context.MasterKeys.Add(new MasterKeyEntity
            {
                Id = id,
                Threshold = threshold,
                Custodians = string.Join('\n', custodians),
                CheckValue = MasterSecret.CheckValue(secret),
                CreatedAt = _time.GetUtcNow(),
            });
            await context.SaveChangesAsync(cancellationToken);
            var points = ShamirSecretSharing.Split(secret, custodians.Count, threshold);
            var shares = custodians.Select((custodian, i) => CustodianShare.Create(id, custodian, i + 1, threshold, points[i])).ToList();
            foreach (var point in points)
            {
                CryptographicOperations.ZeroMemory(point);
            }

            var target = "kmc-master-key:" + id;
            await _audit.WriteAsync(actor, "kmc.custody.master-key-generated", target, "success",
                new { threshold, custodianCount = custodians.Count, custodians }, cancellationToken);
            foreach (var share in shares)
            {
                await _audit.WriteAsync(actor, "kmc.custody.share-issued", target, "success", new { custodian = share.Custodian, x = share.X }, cancellationToken);
            }

            return shares;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Reconstructs the master key from custodian shares and keeps it in memory. Each valid share
    /// is audited as presented; the shares must come from one master key, and at least M distinct
    /// ones are needed.
    /// </summary>
    /// <param name="shares">Share texts (<see cref="CustodianShare.Text"/>); repeated shares count once.</param>
    /// <param name="actor">Who runs the unseal (the custodians are named in the events).</param>
    /// <param name="cancellationToken">Cancels the read of the custody record.</param>
    /// <exception cref="GmPkiException"><c>kmc-share-invalid</c> (malformed, bad checksum, unknown
    /// master key, point out of range); <c>kmc-shares-insufficient</c> (fewer than M distinct
    /// shares); <c>kmc-unseal-failed</c> (the check value does not match: a share was altered).</exception>
    public async Task UnsealAsync(IReadOnlyList<string> shares, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(actor);
        var parsed = new List<(string MasterKeyId, byte X, int Threshold, byte[] Y)>();
        foreach (var text in shares)
        {
            try
            {
                parsed.Add(CustodianShare.Parse(text));
            }
            catch (GmPkiException e)
            {
                throw await _audit.RejectAsync(actor, "kmc.custody.share-rejected", null, e, new { position = parsed.Count + 1 }, cancellationToken);
            }
        }

        if (parsed.Count == 0)
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.unseal-rejected", null, KmcErrors.SharesInsufficient.With("no shares were presented."), null, cancellationToken);
        }

        var masterKeyId = parsed[0].MasterKeyId;
        var target = "kmc-master-key:" + masterKeyId;
        MasterKeyEntity? record;
        await using (var context = _database.CreateContext())
        {
            record = await context.MasterKeys.AsNoTracking().SingleOrDefaultAsync(m => m.Id == masterKeyId, cancellationToken);
        }

        var custodians = record?.Custodians.Split('\n') ?? [];
        var invalid = parsed.FindIndex(p => p.MasterKeyId != masterKeyId || p.Threshold != record?.Threshold || p.X > custodians.Length || p.Y.Length != MasterSecret.Size);
        if (record is null || invalid >= 0)
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.share-rejected", target,
                KmcErrors.ShareInvalid.With("a share belongs to another or an unknown master key, or its point or length does not fit the custody record."),
                new { position = Math.Max(invalid, 0) + 1 }, cancellationToken);
        }

        var distinct = parsed.DistinctBy(p => p.X).ToList();
        foreach (var share in distinct)
        {
            await _audit.WriteAsync(actor, "kmc.custody.share-presented", target, "success", new { custodian = custodians[share.X - 1], x = share.X }, cancellationToken);
        }

        var presented = distinct.Select(p => custodians[p.X - 1]).ToArray();
        if (distinct.Count < record.Threshold)
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.unseal-rejected", target,
                KmcErrors.SharesInsufficient.With($"{distinct.Count} distinct share(s) presented; the master key needs {record.Threshold}."),
                new { presented }, cancellationToken);
        }

        var secret = ShamirSecretSharing.Combine([.. distinct.Select(p => (p.X, p.Y))]);
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(MasterSecret.CheckValue(secret)), Encoding.ASCII.GetBytes(record.CheckValue)))
            {
                throw await _audit.RejectAsync(actor, "kmc.custody.unseal-rejected", target,
                    KmcErrors.UnsealFailed.With("the shares do not reconstruct the master key (a share was altered or mixed up)."),
                    new { presented }, cancellationToken);
            }

            var unsealed = new UnsealedMasterKey(record.Id, MasterSecret.EscrowKey(secret));
            lock (_gate)
            {
                Wipe(_current);
                _current = unsealed;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        await _audit.WriteAsync(actor, "kmc.custody.unsealed", target, "success", new { presented }, cancellationToken);
    }

    /// <summary>Wipes the master key from memory (reseal); the KMC refuses key operations until the next unseal.</summary>
    /// <param name="actor">Who seals.</param>
    /// <param name="reason">Why (shift end, incident, maintenance); recorded in the event.</param>
    /// <param name="cancellationToken">Cancels the audit write (the key is wiped regardless).</param>
    public async Task SealAsync(Actor actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        string? id;
        lock (_gate)
        {
            id = _current?.Id;
            Wipe(_current);
            _current = null;
        }

        await _audit.WriteAsync(actor, "kmc.custody.sealed", id is null ? null : "kmc-master-key:" + id, "success", new { reason, wasUnsealed = id is not null }, cancellationToken);
    }

    /// <summary>Wipes the key from memory without an audit event (process shutdown).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            Wipe(_current);
            _current = null;
        }
    }

    /// <summary>A copy of the unsealed master key, which the caller wipes after use (a concurrent seal cannot pull it away mid-operation).</summary>
    /// <exception cref="GmPkiException"><c>kmc-sealed</c> when no master key is in memory.</exception>
    internal UnsealedMasterKey Current
    {
        get
        {
            lock (_gate)
            {
                return _current is null
                    ? throw KmcErrors.Sealed.With("M custodians must present their shares before the KMC can escrow or recover keys.")
                    : _current with { EscrowKey = (byte[])_current.EscrowKey.Clone() };
            }
        }
    }

    private static void Wipe(UnsealedMasterKey? key)
    {
        if (key is not null)
        {
            CryptographicOperations.ZeroMemory(key.EscrowKey);
        }
    }
}
