namespace GmPki.Core.Ledger;

/// <summary>
/// The end of the SM3 audit chain (<c>docs/audit.md</c>): the last event appended and its hash.
/// Kept by the ledger in the same transaction as the events, so it always names the last
/// committed event.
/// </summary>
/// <param name="LastEventId">Id of the last event; 0 while the chain is empty.</param>
/// <param name="LastHash">Lowercase hex SM3 hash (64 characters) of that event; 64 zeros while the chain is empty.</param>
public sealed record AuditChainHead(long LastEventId, string LastHash)
{
    /// <summary>The hash an empty chain ends with, and the first event's previous hash: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The head of an empty chain.</summary>
    public static AuditChainHead Empty { get; } = new(0, GenesisHash);
}
