namespace GmPki.Core.Ledger;

/// <summary>The CA chain above a certificate of this installation, found by the issuing CA's label.</summary>
public static class AuthorityChains
{
    /// <summary>
    /// DER certificates from the CA <paramref name="label"/> up to its root (RFC 5280 §6.1 order
    /// reversed: issuer first). Empty when no CA has that label; stops at 8 CAs.
    /// </summary>
    /// <param name="authorities">The installation's CA records.</param>
    /// <param name="label">Label of the CA to start from, or null (empty chain).</param>
    public static List<byte[]> From(IReadOnlyList<AuthorityRecord> authorities, string? label)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        var chain = new List<byte[]>();
        while (label is not null && chain.Count < 8 && authorities.FirstOrDefault(a => a.Label == label) is { } authority)
        {
            chain.Add(authority.CertificateDer);
            label = authority.ParentLabel;
        }

        return chain;
    }
}
