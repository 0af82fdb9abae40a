namespace GmPki.Storage.Registration;

/// <summary>Row of table <c>applications</c>; <see cref="Version"/> guards every step against concurrent ones.</summary>
internal sealed class ApplicationEntity
{
    public required string Id { get; set; }

    public required string Kind { get; set; }

    public required string State { get; set; }

    public int Version { get; set; }

    public required string SubscriberId { get; set; }

    public required string Profile { get; set; }

    public string? TargetSerial { get; set; }

    public byte[]? CertificationRequest { get; set; }

    public bool TwoPersonRule { get; set; }

    /// <summary>Whether the application yields a dual-certificate pair (migration 20261213000000_CertificatePairs).</summary>
    public bool Dual { get; set; }

    public string? Reason { get; set; }

    public string? ResultSerial { get; set; }

    public required string CreatedBy { get; set; }

    public string? Agency { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string AccessTokenHash { get; set; }
}
