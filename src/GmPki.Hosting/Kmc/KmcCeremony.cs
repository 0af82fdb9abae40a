using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Hosting.Configuration;
using GmPki.Issuance;

namespace GmPki.Hosting.Kmc;

/// <summary>
/// Sets up the embedded KMC (<c>gmpki kmc init</c>, and the demo installation): the key ceremony
/// (master key split M-of-N, docs/kmc.md "Master key custody") and the registration of this CA
/// with the KMC for SM2 encryption keys, then the KMC is unsealed with M of the new shares so it
/// can serve at once.
/// </summary>
public static class KmcCeremony
{
    /// <summary>Runs the ceremony.</summary>
    /// <param name="installation">The opened installation.</param>
    /// <param name="custodians">Custodian names, distinct, 2–255.</param>
    /// <param name="threshold">M, 2 ≤ M ≤ N.</param>
    /// <param name="sharesDirectory">Where to write one owner-only file per custodian (<c>kmc-share-{x}-of-{N}.txt</c>: the share on the first line, the custodian's name on the second); hand each to its custodian and delete it here.</param>
    /// <param name="unattended">Record the first M share files in <c>gmpki.json</c> (<c>Kmc:ShareFiles</c>) so the KMC unseals itself: for demonstrations and tests only.</param>
    /// <param name="actor">Who runs it.</param>
    /// <param name="cancellationToken">Cancels before the custody record is written.</param>
    /// <returns>The share files, in custodian order.</returns>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c> (no issuing CA), <c>kmc-custody-invalid</c>, <c>kmc-master-key-exists</c> (the KMC has a master key already), <c>kmc-ca-exists</c>.</exception>
    public static async Task<IReadOnlyList<string>> RunAsync(
        Installation installation, IReadOnlyList<string> custodians, int threshold, string sharesDirectory, bool unattended, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(custodians);
        var kmc = installation.Get<EmbeddedKmc>();
        await kmc.OpenAsync(cancellationToken);
        var shares = await kmc.Custody.GenerateAsync(custodians, threshold, actor, cancellationToken);
        var issuing = await installation.Get<AuthorityDirectory>().IssuingAsync(cancellationToken);
        var name = Org.BouncyCastle.Asn1.X509.X509CertificateStructure.GetInstance(issuing.CertificateDer).Subject.ToString();
        await kmc.Centre.RegisterCaAsync(kmc.CaId, name, [KeyAlgorithm.Sm2], actor, cancellationToken);
        var files = new List<string>();
        Directory.CreateDirectory(sharesDirectory);
        foreach (var share in shares)
        {
            var file = Path.GetFullPath(Path.Combine(sharesDirectory, $"kmc-share-{share.X}-of-{shares.Count}.txt"));
            installation.Data.WritePrivateFile(file, $"{share.Text}\n{share.Custodian}\n");
            files.Add(file);
        }

        await kmc.Custody.UnsealAsync([.. shares.Take(threshold).Select(s => s.Text)], actor, cancellationToken);
        if (unattended)
        {
            InstallationConfiguration.Update(installation.Data, json =>
                json["Kmc"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["CaId"] = kmc.CaId,
                    ["ShareFiles"] = new System.Text.Json.Nodes.JsonArray([.. files.Take(threshold).Select(f => (System.Text.Json.Nodes.JsonNode)f)]),
                });
        }

        return files;
    }
}
