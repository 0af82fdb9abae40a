using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Kmc.Custody;
using GmPki.Kmc.Devices;
using GmPki.Kmc.Envelopes;
using GmPki.Kmc.Escrow;
using GmPki.Kmc.Messages;
using GmPki.Kmc.Storage;
using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.Crypto.Parameters;

namespace GmPki.Kmc;

/// <summary>
/// The key management centre: serves registered CAs (<see cref="RegisterCaAsync(string, string, IReadOnlyCollection{KeyAlgorithm}, string?, Actor, CancellationToken)"/>), generates
/// encryption key pairs, escrows each private key (PKCS#8) under the master key with SM4-GCM in
/// its own tables, and delivers SM2 keys in GM/T 0009 <see cref="Sm2EnvelopedKey"/> envelopes.
/// Refusals are audited as <c>kmc.request-rejected</c>; actions are listed in docs/kmc.md. Safe
/// for concurrent use.
/// </summary>
public sealed partial class KeyManagementCentre : IKeyManagementCentre
{
    private readonly KmcDatabase _database;
    private readonly MasterKeyCustody _custody;
    private readonly KmcAudit _audit;
    private readonly TimeProvider _time;
    private readonly DeviceKeys _devices;

    /// <summary>Creates the KMC over its database and master-key custody.</summary>
    /// <param name="database">The KMC's database (migrated).</param>
    /// <param name="custody">Custody of the master key; key operations need it unsealed.</param>
    /// <param name="auditLog">Sink of the KMC's audit events.</param>
    /// <param name="time">Clock for records and events.</param>
    public KeyManagementCentre(KmcDatabase database, MasterKeyCustody custody, IAuditLog auditLog, TimeProvider time)
    {
        _database = database;
        _custody = custody;
        _time = time;
        _audit = new KmcAudit(auditLog, time);
        _devices = new DeviceKeys(database, custody, _audit, time);
    }

    /// <summary>Registers a CA that may send requests (KMC administration, not part of <see cref="IKeyManagementCentre"/>).</summary>
    /// <param name="caId">The CA's ID, 1–128 characters; the CA names itself with it in every request.</param>
    /// <param name="name">The CA's name, for people.</param>
    /// <param name="algorithms">Encryption key algorithms the CA may ask for; at least one.</param>
    /// <param name="actor">The KMC administrator.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> for an empty ID or no algorithms; <c>kmc-ca-exists</c>.</exception>
    public Task RegisterCaAsync(string caId, string name, IReadOnlyCollection<KeyAlgorithm> algorithms, Actor actor, CancellationToken cancellationToken)
        => RegisterCaAsync(caId, name, algorithms, null, actor, cancellationToken);

    /// <summary>
    /// Registers a CA bound to the TLS client certificate it authenticates with to the remote
    /// transport, in one write (audited <c>kmc.ca.registered</c> and <c>kmc.ca.client-bound</c>).
    /// </summary>
    /// <param name="caId">The CA's ID, 1–128 characters.</param>
    /// <param name="name">The CA's name, for people.</param>
    /// <param name="algorithms">Encryption key algorithms the CA may ask for; at least one.</param>
    /// <param name="clientCertificateSha256">Lowercase hex SHA-256 of the certificate's DER, or null for a CA in the KMC's process.</param>
    /// <param name="actor">The KMC administrator.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> for an empty ID, no algorithms or a malformed hash;
    /// <c>kmc-ca-exists</c> for a registered CA or a certificate bound to another CA.</exception>
    public async Task RegisterCaAsync(string caId, string name, IReadOnlyCollection<KeyAlgorithm> algorithms, string? clientCertificateSha256, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        ArgumentNullException.ThrowIfNull(actor);
        var target = "kmc-ca:" + caId;
        await GuardAsync(actor, "register-ca", target, async () =>
        {
            KmcRequests.RequireId(caId, "caId");
            if (algorithms.Count == 0 || string.IsNullOrWhiteSpace(name))
            {
                throw KmcErrors.RequestInvalid.With("a CA needs a name and at least one key algorithm.");
            }

            await using var context = _database.CreateContext();
            if (await context.Authorities.AnyAsync(a => a.CaId == caId, cancellationToken))
            {
                throw KmcErrors.CaExists.With($"CA '{caId}' is already registered.");
            }

            if (clientCertificateSha256 is not null)
            {
                await RequireUnboundAsync(context, clientCertificateSha256, caId, cancellationToken);
            }

            var names = algorithms.Distinct().Select(a => a.ToName()).ToArray();
            context.Authorities.Add(new AuthorityEntity
            {
                CaId = caId, Name = name, Algorithms = string.Join(',', names), RegisteredAt = _time.GetUtcNow(), ClientCertificateSha256 = clientCertificateSha256,
            });
            await context.SaveChangesAsync(cancellationToken);
            await _audit.WriteAsync(actor, "kmc.ca.registered", target, "success", new { name, algorithms = names }, cancellationToken);
            if (clientCertificateSha256 is not null)
            {
                await _audit.WriteAsync(actor, "kmc.ca.client-bound", target, "success", new { clientCertificateSha256 }, cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ApplyKeyResponse> ApplyAsync(ApplyKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = KmcRequests.CaActor(request.CaId, request.RequestId);
        return GuardAsync(actor, "apply", null, async () =>
        {
            KmcRequests.RequireId(request.CaId, "caId");
            KmcRequests.RequireId(request.RequestId, "requestId");
            if (request.NotAfter <= request.NotBefore)
            {
                throw KmcErrors.RequestInvalid.With("notAfter must be after notBefore.");
            }

            var ca = await FindCaAsync(request.CaId, cancellationToken);
            if (!ca.Algorithms.Split(',').Contains(request.Algorithm.ToName()))
            {
                throw KmcErrors.AlgorithmRejected.With($"CA '{request.CaId}' is registered for {ca.Algorithms}, not {request.Algorithm.ToName()}.");
            }

            var holder = ParseRecipient(request.HolderSigningPublicKey, requireSm2: request.Algorithm == KeyAlgorithm.Sm2);
            var master = _custody.Current;
            await using var context = _database.CreateContext();
            Task<bool> TakenAsync() => context.EscrowedKeys.AnyAsync(k => k.CaId == request.CaId && k.RequestId == request.RequestId, cancellationToken);
            if (await TakenAsync())
            {
                throw KmcErrors.RequestDuplicate.With(Duplicate(request));
            }

            var keyId = Guid.CreateVersion7().ToString("N");
            var pair = EncryptionKeyPair.Generate(request.Algorithm);
            byte[]? envelope = null;
            try
            {
                if (request.Algorithm == KeyAlgorithm.Sm2)
                {
                    envelope = Sm2EnvelopedKey.Seal(holder!, EncryptionKeyPair.Sm2PrivateKey(pair.Pkcs8)).Encode();
                }

                context.EscrowedKeys.Add(new EscrowedKeyEntity
                {
                    KeyId = keyId,
                    CaId = request.CaId,
                    RequestId = request.RequestId,
                    Algorithm = request.Algorithm.ToName(),
                    PublicKey = pair.SubjectPublicKeyInfo,
                    HolderSigningKey = request.HolderSigningPublicKey,
                    MasterKeyId = master.Id,
                    SealedPrivateKey = EscrowCipher.Seal(master.EscrowKey, master.Id, request.CaId, keyId, pair.Pkcs8),
                    NotBefore = request.NotBefore.ToUniversalTime(),
                    NotAfter = request.NotAfter.ToUniversalTime(),
                    State = StateName(EscrowedKeyState.Active),
                    CreatedAt = _time.GetUtcNow(),
                });
                await context.SaveOrConflictAsync(TakenAsync, e => KmcErrors.RequestDuplicate.With(Duplicate(request), e), cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pair.Pkcs8);
                CryptographicOperations.ZeroMemory(master.EscrowKey);
            }

            await _audit.WriteAsync(actor, "kmc.key.escrowed", "kmc-key:" + keyId, "success", new
            {
                ca = request.CaId,
                requestId = request.RequestId,
                algorithm = request.Algorithm.ToName(),
                publicKeySm3 = Sm3.HashHex(pair.SubjectPublicKeyInfo),
                holderKeySm3 = Sm3.HashHex(request.HolderSigningPublicKey),
                notBefore = request.NotBefore.ToUniversalTime(),
                notAfter = request.NotAfter.ToUniversalTime(),
                masterKey = master.Id,
                delivered = envelope is not null,
            }, cancellationToken);
            return new ApplyKeyResponse(keyId, pair.SubjectPublicKeyInfo, envelope);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<RecoverKeyResponse> RecoverAsync(RecoverKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = KmcRequests.CaActor(request.CaId, request.RequestId);
        var target = "kmc-key:" + request.KeyId;
        return GuardAsync(actor, "recover", target, async () =>
        {
            KmcRequests.RequireId(request.CaId, "caId");
            KmcRequests.RequireId(request.RequestId, "requestId");
            var authorisation = request.Authorisation;
            if (authorisation is null || !KmcRequests.IsApproved(authorisation.Reference, authorisation.ApprovedBy))
            {
                throw KmcErrors.RequestInvalid.With("a recovery needs an authorisation with a reference and at least one approver.");
            }

            if (authorisation.Kind == KeyRecoveryKind.Judicial && KmcRequests.DistinctApprovers(authorisation.ApprovedBy) < 2)
            {
                throw KmcErrors.RequestInvalid.With("judicial key recovery needs two distinct KMC officers' approvals.");
            }

            await FindCaAsync(request.CaId, cancellationToken);
            var recipient = ParseRecipient(request.RecipientPublicKey, requireSm2: true)!;
            var key = await FindKeyAsync(request.CaId, request.KeyId, cancellationToken);
            if (key.Algorithm != KeyAlgorithm.Sm2.ToName())
            {
                throw KmcErrors.AlgorithmRejected.With($"delivery of {key.Algorithm} keys is not implemented; only SM2 keys are delivered in SM2 envelopes.");
            }

            var master = _custody.Current;
            byte[] envelope;
            try
            {
                var pkcs8 = EscrowCipher.Open(master, key.MasterKeyId, key.CaId, key.KeyId, key.SealedPrivateKey);
                try
                {
                    envelope = Sm2EnvelopedKey.Seal(recipient, EncryptionKeyPair.Sm2PrivateKey(pkcs8)).Encode();
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(pkcs8);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(master.EscrowKey);
            }

            await _audit.WriteAsync(actor, "kmc.key.recovered", target, "success", new
            {
                ca = request.CaId,
                requestId = request.RequestId,
                kind = authorisation.Kind.ToString().ToLowerInvariant(),
                reference = authorisation.Reference,
                approvedBy = authorisation.ApprovedBy,
                recipientKeySm3 = Sm3.HashHex(request.RecipientPublicKey),
                state = key.State,
            }, cancellationToken);
            return new RecoverKeyResponse(key.KeyId, key.PublicKey, envelope);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<DevicePersonalisation> PersonaliseDeviceAsync(DevicePersonaliseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DeviceRequestAsync(request.CaId, request.RequestId, request.DeviceSerial, "personalise-device", () => _devices.PersonaliseAsync(request, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<DeviceUnlockResponse> UnlockDeviceAsync(DeviceUnlockRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DeviceRequestAsync(request.CaId, request.RequestId, request.DeviceSerial, "unlock-device", () => _devices.UnlockAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>A device request of a registered CA, refusals audited as <c>kmc.request-rejected</c> with <paramref name="operation"/>.</summary>
    private Task<T> DeviceRequestAsync<T>(string caId, string requestId, string deviceSerial, string operation, Func<Task<T>> body, CancellationToken cancellationToken)
        => GuardAsync(KmcRequests.CaActor(caId, requestId), operation, DeviceKeys.Target(caId, deviceSerial), async () =>
        {
            await RequireCaAsync(caId, requestId, cancellationToken);
            return await body();
        }, cancellationToken);

    /// <inheritdoc/>
    public Task RevokeAsync(ChangeKeyStateRequest request, CancellationToken cancellationToken) =>
        ChangeStateAsync(request, EscrowedKeyState.Revoked, "kmc.key.revoked", cancellationToken);

    /// <inheritdoc/>
    public Task ArchiveAsync(ChangeKeyStateRequest request, CancellationToken cancellationToken) =>
        ChangeStateAsync(request, EscrowedKeyState.Archived, "kmc.key.archived", cancellationToken);

    /// <summary>
    /// Archives every active key whose <c>NotAfter</c> has passed (KMC administration, run
    /// periodically by the host): the key moves to the historical store and stays recoverable.
    /// </summary>
    /// <param name="actor">Who runs it (the host's service).</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>How many keys were archived; each is audited <c>kmc.key.archived</c> with reason <c>expired</c>.</returns>
    public Task<int> ArchiveExpiredAsync(Actor actor, CancellationToken cancellationToken)
        => new ExpiredKeyArchive(_database, _audit, _time).ArchiveAsync(actor ?? throw new ArgumentNullException(nameof(actor)), cancellationToken);

    /// <summary>The stored name of a key state.</summary>
    internal static string StateName(EscrowedKeyState state) => state.ToString().ToLowerInvariant();

    private async Task ChangeStateAsync(ChangeKeyStateRequest request, EscrowedKeyState state, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = KmcRequests.CaActor(request.CaId, request.RequestId);
        var target = "kmc-key:" + request.KeyId;
        await GuardAsync(actor, StateName(state), target, async () =>
        {
            await RequireCaAsync(request.CaId, request.RequestId, cancellationToken);
            await using var context = _database.CreateContext();
            var key = await context.EscrowedKeys.SingleOrDefaultAsync(k => k.KeyId == request.KeyId && k.CaId == request.CaId, cancellationToken)
                ?? throw KmcErrors.KeyUnknown.With($"CA '{request.CaId}' has no escrowed key '{request.KeyId}'.");
            if (key.State != StateName(EscrowedKeyState.Active))
            {
                throw KmcErrors.KeyState.With($"escrowed key '{request.KeyId}' is {key.State}, not active.");
            }

            key.State = StateName(state);
            key.StateChangedAt = _time.GetUtcNow();
            await context.SaveChangesAsync(cancellationToken);
            await _audit.WriteAsync(actor, action, target, "success", new { ca = request.CaId, requestId = request.RequestId, reason = request.Reason }, cancellationToken);
            return true;
        }, cancellationToken);
    }

    private async Task<T> GuardAsync<T>(Actor actor, string operation, string? target, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (GmPkiException e) when (!e.Audited)
        {
            throw await _audit.RejectAsync(actor, "kmc.request-rejected", target, e, new { operation }, cancellationToken);
        }
    }

    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> for a bad ID; <c>kmc-ca-unknown</c>.</exception>
    private async Task RequireCaAsync(string caId, string requestId, CancellationToken cancellationToken)
    {
        KmcRequests.RequireId(caId, "caId");
        KmcRequests.RequireId(requestId, "requestId");
        await FindCaAsync(caId, cancellationToken);
    }

    private async Task<AuthorityEntity> FindCaAsync(string caId, CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        return await context.Authorities.AsNoTracking().SingleOrDefaultAsync(a => a.CaId == caId, cancellationToken)
            ?? throw KmcErrors.CaUnknown.With($"CA '{caId}' is not registered with this KMC.");
    }

    private async Task<EscrowedKeyEntity> FindKeyAsync(string caId, string keyId, CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        return await context.EscrowedKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId && k.CaId == caId, cancellationToken)
            ?? throw KmcErrors.KeyUnknown.With($"CA '{caId}' has no escrowed key '{keyId}'.");
    }

    /// <summary>Parses a recipient SubjectPublicKeyInfo; returns the SM2 point, or null for a valid non-SM2 key when SM2 is not required.</summary>
    private static ECPublicKeyParameters? ParseRecipient(byte[]? subjectPublicKeyInfo, bool requireSm2)
    {
        PublicKey key;
        try
        {
            key = PublicKey.Parse(subjectPublicKeyInfo ?? []);
        }
        catch (GmPkiException e)
        {
            throw KmcErrors.HolderKeyRejected.With(e.Detail, e);
        }

        if (key.Algorithm != KeyAlgorithm.Sm2)
        {
            return requireSm2 ? throw KmcErrors.HolderKeyRejected.With($"an SM2 envelope needs an SM2 recipient key, not {key.Algorithm.ToName()}.") : null;
        }

        return new ECPublicKeyParameters(Sm2.Domain.Curve.DecodePoint(key.KeyBits), Sm2.Domain);
    }

    private static string Duplicate(ApplyKeyRequest request) => $"CA '{request.CaId}' already used request ID '{request.RequestId}'.";
}
