using GmPki.Core.Status;

namespace GmPki.Storage.Status;

/// <summary>Row of table <c>crls</c>: one published CRL (complete or delta) of one shard.</summary>
internal sealed class CrlEntity
{
    public required string IssuerLabel { get; set; }

    public long Number { get; set; }

    public int Shard { get; set; }

    /// <summary>For a delta CRL the number of its complete CRL; null for a complete CRL.</summary>
    public long? BaseNumber { get; set; }

    public DateTime ThisUpdate { get; set; }

    public DateTime NextUpdate { get; set; }

    public required byte[] Der { get; set; }

    public PublishedCrl ToRecord() => new(IssuerLabel, Shard, Number, BaseNumber, ThisUpdate, NextUpdate, Der);
}
