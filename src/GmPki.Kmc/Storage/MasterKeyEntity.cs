namespace GmPki.Kmc.Storage;

/// <summary>Row of <c>kmc_master_keys</c>: a master key's custody parameters and check value, never the key or a share.</summary>
internal sealed class MasterKeyEntity
{
    public string Id { get; set; } = "";

    public int Threshold { get; set; }

    /// <summary>Custodian names, one per line; line i holds the custodian of share x = i + 1.</summary>
    public string Custodians { get; set; } = "";

    /// <summary>HMAC-SM3(master secret, "gmpki kmc check value v1"), hex.</summary>
    public string CheckValue { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a custody rotation replaced this key; its shares no longer unseal the KMC.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
