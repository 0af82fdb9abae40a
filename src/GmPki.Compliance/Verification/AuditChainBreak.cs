namespace GmPki.Compliance.Verification;

/// <summary>The first broken link of the audit chain.</summary>
/// <param name="EventId">Id of the first event at which the chain does not hold.</param>
/// <param name="Kind">What is wrong there.</param>
/// <param name="Reason">One sentence for people: what was expected and found.</param>
public sealed record AuditChainBreak(long EventId, AuditBreakKind Kind, string Reason);
