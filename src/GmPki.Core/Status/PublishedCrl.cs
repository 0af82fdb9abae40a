namespace GmPki.Core.Status;

/// <summary>A signed CRL as stored in the ledger and served at its distribution point (RFC 5280 §5).</summary>
/// <param name="IssuerLabel">Label of the CA that signed it.</param>
/// <param name="Shard">The shard it covers (its issuingDistributionPoint).</param>
/// <param name="Number">cRLNumber (RFC 5280 §5.2.3): strictly increasing per CA, shared by complete and delta CRLs of all its shards.</param>
/// <param name="BaseNumber">For a delta CRL the number of the complete CRL it extends (deltaCRLIndicator, RFC 5280 §5.2.4); null for a complete CRL.</param>
/// <param name="ThisUpdate">UTC thisUpdate, whole seconds.</param>
/// <param name="NextUpdate">UTC nextUpdate, whole seconds.</param>
/// <param name="Der">The DER CertificateList.</param>
public sealed record PublishedCrl(string IssuerLabel, int Shard, long Number, long? BaseNumber, DateTime ThisUpdate, DateTime NextUpdate, byte[] Der)
{
    /// <summary>Whether this is a delta CRL.</summary>
    public bool IsDelta => BaseNumber is not null;
}
