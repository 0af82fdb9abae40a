using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Kmc;
using GmPki.Kmc.Custody;
using GmPki.Kmc.Messages;

namespace GmPki.Hosting.Kmc;

/// <summary>
/// The installation's key management centre, in process: its own database (migrated on first use),
/// master-key custody and <see cref="KeyManagementCentre"/>, writing to the CA's audit log. The
/// CA reaches it only through <see cref="IKeyManagementCentre"/>. On first use it migrates its
/// database and, when share files are configured (<see cref="KmcOptions.ShareFiles"/>), unseals with
/// them, once per process; otherwise, and after a security officer seals it, requests fail with
/// <c>kmc-sealed</c> until custodians unseal it (<c>POST /api/v1/kmc/unseal</c>).
/// </summary>
public sealed class EmbeddedKmc : IKeyManagementCentre, IDisposable
{
    private static readonly Actor ShareFileActor = new("system:kmc-share-files", null, null);
    private readonly KmcOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _opened;

    /// <summary>Creates it; nothing is opened until first use.</summary>
    public EmbeddedKmc(KmcOptions options, IAuditLog audit, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Database = KmcDatabase.Open(options.Provider, options.ConnectionString);
        Custody = new MasterKeyCustody(Database, audit, clock);
        Centre = new KeyManagementCentre(Database, Custody, audit, clock);
    }

    /// <summary>The KMC's database.</summary>
    public KmcDatabase Database { get; }

    /// <summary>Custody of the master key (ceremony, unseal, seal, rotation).</summary>
    public MasterKeyCustody Custody { get; }

    /// <summary>The KMC itself (also its administration: <see cref="KeyManagementCentre.RegisterCaAsync(string, string, IReadOnlyCollection{GmPki.Core.Keys.KeyAlgorithm}, string?, Actor, CancellationToken)"/>).</summary>
    public KeyManagementCentre Centre { get; }

    /// <summary>The CA's ID at the KMC.</summary>
    public string CaId => _options.CaId;

    /// <summary>Once per process: migrates the KMC's database and unseals it with the share files, if configured.</summary>
    /// <exception cref="GmPkiException"><c>kmc-share-invalid</c> and the other unseal errors when a configured share file is wrong (the next call tries again); <c>request-invalid</c> when one cannot be read.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_opened)
            {
                await Database.MigrateAsync(cancellationToken);
                if (_options.ShareFiles.Count > 0 && !Custody.IsUnsealed)
                {
                    await Custody.UnsealAsync(await ReadSharesAsync(_options.ShareFiles, cancellationToken), ShareFileActor, cancellationToken);
                }

                _opened = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<ApplyKeyResponse> ApplyAsync(ApplyKeyRequest request, CancellationToken cancellationToken)
        => await (await ReadyAsync(cancellationToken)).ApplyAsync(request, cancellationToken);

    /// <inheritdoc/>
    public async Task<RecoverKeyResponse> RecoverAsync(RecoverKeyRequest request, CancellationToken cancellationToken)
        => await (await ReadyAsync(cancellationToken)).RecoverAsync(request, cancellationToken);

    /// <inheritdoc/>
    public async Task RevokeAsync(ChangeKeyStateRequest request, CancellationToken cancellationToken)
        => await (await ReadyAsync(cancellationToken)).RevokeAsync(request, cancellationToken);

    /// <inheritdoc/>
    public async Task ArchiveAsync(ChangeKeyStateRequest request, CancellationToken cancellationToken)
        => await (await ReadyAsync(cancellationToken)).ArchiveAsync(request, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        Custody.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc/>
    public async Task<DevicePersonalisation> PersonaliseDeviceAsync(DevicePersonaliseRequest request, CancellationToken cancellationToken)
        => await (await ReadyAsync(cancellationToken)).PersonaliseDeviceAsync(request, cancellationToken);

    /// <inheritdoc/>
    public async Task<DeviceUnlockResponse> UnlockDeviceAsync(DeviceUnlockRequest request, CancellationToken cancellationToken)
        => await (await ReadyAsync(cancellationToken)).UnlockDeviceAsync(request, cancellationToken);

    /// <exception cref="GmPkiException"><c>kmc-sealed</c> naming <c>gmpki kmc init</c> when the key ceremony was never held; the errors of <see cref="OpenAsync"/>.</exception>
    private async Task<KeyManagementCentre> ReadyAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return Custody.IsUnsealed || await Custody.HasMasterKeyAsync(cancellationToken)
            ? Centre
            : throw KmcErrors.Sealed.With("the key management centre is not set up: run 'gmpki kmc init' (the key ceremony), which also registers this CA with it.");
    }

    /// <summary>The share on the first line of each file.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when a file cannot be read.</exception>
    public static async Task<IReadOnlyList<string>> ReadSharesAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var shares = new List<string>();
        foreach (var file in files)
        {
            try
            {
                shares.Add((await File.ReadAllLinesAsync(file, cancellationToken)).FirstOrDefault()?.Trim() ?? string.Empty);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Errors.RequestInvalid.With($"share file {file} cannot be read: {e.Message}");
            }
        }

        return shares;
    }
}
