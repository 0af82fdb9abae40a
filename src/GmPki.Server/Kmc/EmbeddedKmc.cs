using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Kmc;
using GmPki.Kmc.Custody;
using GmPki.Kmc.Messages;

namespace GmPki.Server.Kmc;

/// <summary>
/// The installation's key management centre, in process: its own database (migrated on first use),
/// master-key custody and <see cref="KeyManagementCentre"/>, writing to the CA's audit log. The
/// CA reaches it only through <see cref="IKeyManagementCentre"/>. On first use while sealed it
/// unseals with the configured share files, if any (<see cref="KmcOptions.ShareFiles"/>); otherwise
/// requests fail with <c>kmc-sealed</c> until custodians unseal it (<c>POST /api/v1/kmc/unseal</c>).
/// </summary>
public sealed class EmbeddedKmc : IKeyManagementCentre, IDisposable
{
    private static readonly Actor ShareFileActor = new("system:kmc-share-files", null, null);
    private readonly KmcOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _migrated;

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

    /// <summary>The KMC itself (also its administration: <see cref="KeyManagementCentre.RegisterCaAsync"/>).</summary>
    public KeyManagementCentre Centre { get; }

    /// <summary>The CA's ID at the KMC.</summary>
    public string CaId => _options.CaId;

    /// <summary>Migrates the KMC's database once per process.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_migrated)
            {
                await Database.MigrateAsync(cancellationToken);
                _migrated = true;
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

    /// <exception cref="GmPkiException"><c>kmc-share-invalid</c> and the other unseal errors when a configured share file is wrong; <c>request-invalid</c> when one cannot be read.</exception>
    private async Task<KeyManagementCentre> ReadyAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        if (!Custody.IsUnsealed && _options.ShareFiles.Count > 0)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!Custody.IsUnsealed)
                {
                    await Custody.UnsealAsync(await ReadSharesAsync(_options.ShareFiles, cancellationToken), ShareFileActor, cancellationToken);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        return Centre;
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
