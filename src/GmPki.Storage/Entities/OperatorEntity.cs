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

    public OperatorRecord ToRecord() => new(Name, Role, ApiKeyHash, CreatedAt, Disabled);
}
