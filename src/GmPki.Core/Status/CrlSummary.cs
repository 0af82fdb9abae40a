namespace GmPki.Core.Status;

/// <summary>What the schedule needs to know of a stored CRL, without its (possibly large) DER.</summary>
/// <param name="Number">cRLNumber.</param>
/// <param name="BaseNumber">For a delta CRL the number of its complete CRL; null for a complete CRL.</param>
/// <param name="ThisUpdate">UTC thisUpdate.</param>
public sealed record CrlSummary(long Number, long? BaseNumber, DateTime ThisUpdate);
