using System.Text;
using GmPki.Core.Outbox;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Status.Ldap;

/// <summary>
/// Where each outbox row goes in the directory (<c>docs/status-services.md</c>, "LDAP publication";
/// attribute types and object classes of RFC 4523 and RFC 4519):
/// <list type="bullet">
/// <item>CA: <c>cn={CA subject CN},{base}</c>, <c>applicationProcess</c> + <c>pkiCA</c>, <c>cACertificate;binary</c>;</item>
/// <item>CRLs: <c>cn=shard-{n},{CA}</c>, <c>cRLDistributionPoint</c>, <c>certificateRevocationList;binary</c> (complete) or <c>deltaRevocationList;binary</c> (delta);</item>
/// <item>issued certificates: <c>serialNumber={hex},ou=certificates,{CA}</c>, <c>device</c> + <c>pkiUser</c>, <c>cn</c> = the subject's CN, <c>userCertificate;binary</c>.</item>
/// </list>
/// Entries above them that are missing are made from their RDN type (<see cref="Container"/>).
/// </summary>
/// <param name="baseName">The base DN everything is published under.</param>
public sealed class LdapLayout(DistinguishedName baseName)
{
    /// <summary>RDN attribute types a container entry can be created for, with its structural object class.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContainerClasses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["dc"] = "domain", ["o"] = "organization", ["ou"] = "organizationalUnit", ["c"] = "country", ["l"] = "locality", ["cn"] = "organizationalRole",
    };

    /// <summary>The entry an outbox row publishes, then its ancestors up to the base, nearest first (to create those missing).</summary>
    /// <exception cref="ArgumentException">The row has nothing to publish (<see cref="OutboxEntry.Der"/> is null).</exception>
    public IReadOnlyList<DirectoryEntry> EntryWithAncestors(OutboxEntry row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var der = row.Der ?? throw new ArgumentException($"Outbox row {row.Id} has nothing to publish.", nameof(row));
        var ca = CaEntry(row.IssuerCertificateDer, row.IssuerLabel);
        List<DirectoryEntry> chain = row.Kind switch
        {
            OutboxKind.CaCertificate => [ca],
            OutboxKind.Crl => [Entry(ca.Name.Child("cn", $"shard-{row.Shard}"), ["cRLDistributionPoint"], (row.IsDelta ? "deltaRevocationList;binary" : "certificateRevocationList;binary", der)), ca],
            _ => UserEntries(ca, row.SerialHex!, der),
        };
        for (var name = baseName; name is not null; name = name.Parent)
        {
            chain.Add(Container(name));
        }

        return chain;
    }

    /// <summary>A container entry named <paramref name="name"/>: its RDN type's structural class with the naming value.</summary>
    /// <exception cref="ArgumentException">The RDN type is not one of <see cref="ContainerClasses"/>.</exception>
    public static DirectoryEntry Container(DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var (type, value) = name.Rdns[0];
        return ContainerClasses.TryGetValue(type, out var objectClass)
            ? Entry(name, [objectClass])
            : throw new ArgumentException($"No entry can be created for '{name}': its RDN type '{type}' is not one of {string.Join(", ", ContainerClasses.Keys)}.", nameof(name));
    }

    private DirectoryEntry CaEntry(byte[] caCertificate, string label)
        => Entry(baseName.Child("cn", CommonName(caCertificate) ?? label), ["applicationProcess", "pkiCA"], ("cACertificate;binary", caCertificate));

    private static List<DirectoryEntry> UserEntries(DirectoryEntry ca, string serialHex, byte[] der)
    {
        var container = Entry(ca.Name.Child("ou", "certificates"), ["organizationalUnit"]);
        var user = Entry(container.Name.Child("serialNumber", serialHex), ["device", "pkiUser"],
            ("cn", Encoding.UTF8.GetBytes(CommonName(der) ?? serialHex)), ("userCertificate;binary", der));
        return [user, container, ca];
    }

    private static DirectoryEntry Entry(DistinguishedName name, string[] objectClasses, params (string Name, byte[] Value)[] attributes)
    {
        var values = attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.OrdinalIgnoreCase);
        var (type, value) = name.Rdns[0];
        values.TryAdd(type, Encoding.UTF8.GetBytes(value));
        return new DirectoryEntry(name, objectClasses, values);
    }

    /// <summary>The first CN of a certificate's subject, or null.</summary>
    private static string? CommonName(byte[] certificateDer)
        => X509CertificateStructure.GetInstance(certificateDer).Subject.GetValueList(X509Name.CN).Cast<string>().FirstOrDefault();
}
