namespace GmPki.Issuance.Authorities;

/// <summary>
/// The public URLs written into certificates (CRL distribution point, OCSP and caIssuers in
/// authorityInformationAccess), derived from one base URL. They are fixed at issuance, so they
/// must name the address relying parties will use for the certificate's whole life.
/// </summary>
/// <param name="BaseUrl">Public base URL without a trailing slash, for example <c>http://ca.example.gov.cn</c>.</param>
/// <param name="CrlShards">Number of CRL shards per issuing CA (1–256); each certificate's shard is fixed at issuance.</param>
public sealed record PublicationUrls(string BaseUrl, int CrlShards)
{
    /// <summary>CRL of <paramref name="authorityLabel"/> for one shard: <c>{BaseUrl}/crl/{label}/{shard}.crl</c>.</summary>
    public string Crl(string authorityLabel, int shard) => $"{BaseUrl}/crl/{authorityLabel}/{shard}.crl";

    /// <summary>OCSP responder: <c>{BaseUrl}/ocsp</c>.</summary>
    public string Ocsp => BaseUrl + "/ocsp";

    /// <summary>DER certificate of <paramref name="authorityLabel"/>: <c>{BaseUrl}/ca/{label}.crt</c>.</summary>
    public string CaIssuers(string authorityLabel) => $"{BaseUrl}/ca/{authorityLabel}.crt";

    /// <summary>Checks the values.</summary>
    /// <returns>Numbered problems (<c>GMPKI-URL-nnn</c>); empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || BaseUrl.EndsWith('/'))
        {
            problems.Add($"GMPKI-URL-001: PublicUrls:BaseUrl '{BaseUrl}' must be an absolute http(s) URL without a trailing slash.");
        }

        if (CrlShards is < 1 or > 256)
        {
            problems.Add($"GMPKI-URL-002: PublicUrls:CrlShards {CrlShards} must be between 1 and 256.");
        }

        return problems;
    }
}
