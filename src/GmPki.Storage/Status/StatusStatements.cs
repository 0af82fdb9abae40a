using GmPki.Core.Status;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;

namespace GmPki.Storage.Status;

/// <summary>The SQL of the status-service writes (same conventions as <see cref="LedgerStatements"/>).</summary>
internal static class StatusStatements
{
    /// <summary>Allocates the next cRLNumber of one CA in one atomic statement (an upsert both providers accept, RETURNING the new value).</summary>
    public const string NextCrlNumber =
        "INSERT INTO crl_counters (issuer_label, last_number) VALUES (@issuer, 1) " +
        "ON CONFLICT (issuer_label) DO UPDATE SET last_number = crl_counters.last_number + 1 RETURNING last_number";

    private static readonly LedgerStatement InsertCrl = new(
        "INSERT INTO crls (issuer_label, number, shard, base_number, this_update, next_update, der) VALUES (@issuer, @number, @shard, @base, @thisUpdate, @nextUpdate, @der)",
        "issuer", "number", "shard", "base", "thisUpdate", "nextUpdate", "der");

    public static LedgerStep Crl(PublishedCrl c) => new(InsertCrl,
        [c.IssuerLabel, c.Number, c.Shard, c.BaseNumber, UtcDateTimeConverter.ToUtc(c.ThisUpdate), UtcDateTimeConverter.ToUtc(c.NextUpdate), c.Der]);
}
