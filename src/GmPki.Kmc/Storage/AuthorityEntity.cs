namespace GmPki.Kmc.Storage;

/// <summary>Row of <c>kmc_authorities</c>: a CA the KMC serves.</summary>
internal sealed class AuthorityEntity
{
    public string CaId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Allowed encryption key algorithms, names of <c>KeyAlgorithms</c> separated by commas.</summary>
    public string Algorithms { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Lowercase hex SHA-256 of the DER TLS client certificate the CA authenticates with to a remote KMC; null when none is bound.</summary>
    public string? ClientCertificateSha256 { get; set; }
}
