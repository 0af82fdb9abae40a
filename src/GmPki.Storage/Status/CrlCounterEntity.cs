namespace GmPki.Storage.Status;

/// <summary>Row of table <c>crl_counters</c>: the last cRLNumber allocated by one CA (moved only by an atomic upsert).</summary>
internal sealed class CrlCounterEntity
{
    public required string IssuerLabel { get; set; }

    public long LastNumber { get; set; }
}
