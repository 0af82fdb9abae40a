using System.Security.Cryptography;
using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Kmc.Escrow;
using GmPki.Kmc.Storage;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Custody;

/// <summary>
/// Custody of the KMC master key (密钥分管; M24 §22: M-of-N control): the
/// 32-byte master secret is split M-of-N among named custodians with
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

    /// <summary>Whether the key ceremony was held: the KMC has a master key that was not retired.</summary>
    public async Task<bool> HasMasterKeyAsync(CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        return await context.MasterKeys.AnyAsync(k => k.RetiredAt == null, cancellationToken);
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
    /// <c>kmc-master-key-exists</c> when a master key was already generated (use <see cref="RotateAsync"/>).</exception>
    public async Task<IReadOnlyList<CustodianShare>> GenerateAsync(IReadOnlyList<string> custodians, int threshold, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ValidateCustodyAsync(custodians, threshold, actor, "kmc.custody.generation-rejected", cancellationToken);
        await using var context = _database.CreateContext();
        if (await context.MasterKeys.AnyAsync(cancellationToken))
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.generation-rejected", null,
                KmcErrors.MasterKeyExists.With("a master key exists; change custodians with a rotation."), null, cancellationToken);
        }

        var (record, secret) = NewMasterKey(custodians, threshold);
        try
        {
            context.MasterKeys.Add(record);
            await context.SaveChangesAsync(cancellationToken);
            await _audit.WriteAsync(actor, "kmc.custody.master-key-generated", "kmc-master-key:" + record.Id, "success",
                new { threshold, custodianCount = custodians.Count, custodians }, cancellationToken);
            return await IssueSharesAsync(record, secret, custodians, actor, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Rotates custody (new custodians, a new M, or a suspected share compromise): generates a new
    /// master secret, re-encrypts every escrowed key and device authentication key from the unsealed
    /// master key to the new one in one transaction, retires the old master key (its shares no longer unseal the KMC) and
    /// returns the new shares. The KMC stays unsealed, under the new key.
    /// </summary>
    /// <param name="custodians">The new custodians, as for <see cref="GenerateAsync"/>.</param>
    /// <param name="threshold">The new M.</param>
    /// <param name="actor">Who runs the rotation.</param>
    /// <param name="cancellationToken">Cancels the rotation before its transaction commits.</param>
    /// <exception cref="GmPkiException"><c>kmc-custody-invalid</c>; <c>kmc-sealed</c> (the old key
    /// must be unsealed by its custodians first); <c>kmc-escrow-corrupt</c> when an escrowed key fails
    /// authentication (nothing is changed).</exception>
    public async Task<IReadOnlyList<CustodianShare>> RotateAsync(IReadOnlyList<string> custodians, int threshold, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ValidateCustodyAsync(custodians, threshold, actor, "kmc.custody.rotation-rejected", cancellationToken);
        UnsealedMasterKey old;
        try
        {
            old = Current;
        }
        catch (GmPkiException e)
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.rotation-rejected", null, e, null, cancellationToken);
        }

        var (record, secret) = NewMasterKey(custodians, threshold);
        var escrowKey = MasterSecret.EscrowKey(secret);
        var installed = false;
        try
        {
            int reencrypted;
            int reencryptedDevices;
            await using (var context = _database.CreateContext())
            {
                await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
                context.MasterKeys.Add(record);
                var keys = await context.EscrowedKeys.Where(k => k.MasterKeyId == old.Id).ToListAsync(cancellationToken);
                foreach (var key in keys)
                {
                    key.SealedPrivateKey = Reseal(key.CaId, key.KeyId, key.SealedPrivateKey);
                    key.MasterKeyId = record.Id;
                }

                var devices = await context.DeviceKeys.Where(d => d.MasterKeyId == old.Id).ToListAsync(cancellationToken);
                foreach (var device in devices)
                {
                    device.SealedKey = Reseal(device.CaId, EscrowCipher.DeviceKeyId(device.DeviceSerial), device.SealedKey);
                    device.MasterKeyId = record.Id;
                }

                var retired = await context.MasterKeys.SingleAsync(m => m.Id == old.Id, cancellationToken);
                retired.RetiredAt = _time.GetUtcNow();
                await context.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                reencrypted = keys.Count;
                reencryptedDevices = devices.Count;
            }

            lock (_gate)
            {
                Wipe(_current);
                _current = new UnsealedMasterKey(record.Id, escrowKey);
                installed = true;
            }

            await _audit.WriteAsync(actor, "kmc.custody.rotated", "kmc-master-key:" + record.Id, "success",
                new { retired = old.Id, reencrypted, reencryptedDevices, threshold, custodianCount = custodians.Count, custodians }, cancellationToken);
            return await IssueSharesAsync(record, secret, custodians, actor, cancellationToken);
        }
        catch (GmPkiException e) when (!e.Audited)
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.rotation-rejected", "kmc-master-key:" + old.Id, e, null, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(old.EscrowKey);
            if (!installed)
            {
                CryptographicOperations.ZeroMemory(escrowKey);
            }
        }

        // Decrypts one escrow record under the old master key and encrypts it under the new one.
        byte[] Reseal(string caId, string keyId, byte[] sealedKey)
        {
            var plaintext = EscrowCipher.Open(old.EscrowKey, old.Id, caId, keyId, sealedKey);
            try
            {
                return EscrowCipher.Seal(escrowKey, record.Id, caId, keyId, plaintext);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
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

        if (record.RetiredAt is not null)
        {
            throw await _audit.RejectAsync(actor, "kmc.custody.share-rejected", target,
                KmcErrors.ShareInvalid.With($"master key {masterKeyId} was retired by a custody rotation; its shares no longer unseal the KMC."),
                null, cancellationToken);
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

    private async Task ValidateCustodyAsync(IReadOnlyList<string> custodians, int threshold, Actor actor, string rejectAction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(custodians);
        if (custodians.Count < 2 || custodians.Count > ShamirSecretSharing.MaxShares || threshold < 2 || threshold > custodians.Count
            || custodians.Any(c => string.IsNullOrWhiteSpace(c) || c.Contains('\n', StringComparison.Ordinal))
            || custodians.Distinct(StringComparer.Ordinal).Count() != custodians.Count)
        {
            throw await _audit.RejectAsync(actor, rejectAction, null,
                KmcErrors.CustodyInvalid.With($"need 2 ≤ M ≤ N ≤ {ShamirSecretSharing.MaxShares} distinct, non-empty custodian names; got M = {threshold} of {custodians.Count}."),
                null, cancellationToken);
        }
    }

    private (MasterKeyEntity Record, byte[] Secret) NewMasterKey(IReadOnlyList<string> custodians, int threshold)
    {
        var secret = MasterSecret.Generate();
        return (new MasterKeyEntity
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Threshold = threshold,
            Custodians = string.Join('\n', custodians),
            CheckValue = MasterSecret.CheckValue(secret),
            CreatedAt = _time.GetUtcNow(),
        }, secret);
    }

    private async Task<IReadOnlyList<CustodianShare>> IssueSharesAsync(MasterKeyEntity record, byte[] secret, IReadOnlyList<string> custodians, Actor actor, CancellationToken cancellationToken)
    {
        var points = ShamirSecretSharing.Split(secret, custodians.Count, record.Threshold);
        var shares = custodians.Select((custodian, i) => CustodianShare.Create(record.Id, custodian, i + 1, record.Threshold, points[i])).ToList();
        foreach (var point in points)
        {
            CryptographicOperations.ZeroMemory(point);
        }

        foreach (var share in shares)
        {
            await _audit.WriteAsync(actor, "kmc.custody.share-issued", "kmc-master-key:" + record.Id, "success", new { custodian = share.Custodian, x = share.X }, cancellationToken);
        }

        return shares;
    }

    private static void Wipe(UnsealedMasterKey? key)
    {
        if (key is not null)
        {
            CryptographicOperations.ZeroMemory(key.EscrowKey);
        }
    }
}
