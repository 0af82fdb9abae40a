using GmPki.Core.Ledger;
using GmPki.Core.Security;

namespace GmPki.Storage.Entities;

/// <summary>Row of table <c>operators</c>: an operator account.</summary>
internal sealed class OperatorEntity
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public OperatorRole Role { get; set; }

    public required string ApiKeyHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Code of the agency of an agency operator (foreign key to <c>agencies</c>).</summary>
    public string? Agency { get; set; }

    /// <summary>SM3 of the holder's identity number, for the 三员 separation.</summary>
    public string? PersonId { get; set; }

    /// <summary>Lowercase hex SHA-256 of the DER client certificate the operator authenticates with.</summary>
    public string? ClientCertificateSha256 { get; set; }

    /// <summary>UTC instant from which the API key no longer authenticates; null for none.</summary>
    public DateTime? ExpiresAt { get; set; }

    public OperatorRecord ToRecord() => new(Name, Role, ApiKeyHash, CreatedAt, Disabled, Agency, PersonId, ClientCertificateSha256, ExpiresAt);
}
