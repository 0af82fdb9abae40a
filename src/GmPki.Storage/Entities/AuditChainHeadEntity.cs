namespace GmPki.Storage.Entities;

/// <summary>
/// The one row (<see cref="Id"/> = <see cref="RowId"/>) of table <c>audit_chain_head</c>: the last
/// event of the SM3 chain. Every batch that appends events locks and updates it in its
/// transaction, which serialises writers across processes and nodes.
/// </summary>
internal sealed class AuditChainHeadEntity
{
    /// <summary>The id of the one row.</summary>
    public const int RowId = 1;

    public int Id { get; set; }

    /// <summary>Id of the last event; 0 while there is none.</summary>
    public long LastId { get; set; }

    /// <summary>Lowercase hex SM3 hash of the last event; 64 zeros while there is none.</summary>
    public required string LastHash { get; set; }
}
