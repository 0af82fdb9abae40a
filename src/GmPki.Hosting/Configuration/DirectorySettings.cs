using GmPki.Status.Ldap;

namespace GmPki.Hosting.Configuration;

/// <summary>Section <c>Directory</c>: publication to directories.</summary>
public sealed class DirectorySettings
{
    /// <summary>LDAP publication of CA certificates, issued certificates and CRLs; off unless <see cref="LdapSettings.Url"/> is set.</summary>
    public LdapSettings Ldap { get; set; } = new();
}

/// <summary>
/// Section <c>Directory:Ldap</c> (<c>docs/configuration.md</c>, <c>docs/status-services.md</c> "LDAP
/// publication"). Problems are reported as <c>GMPKI-LDAP-001</c> … <c>-005</c>.
/// </summary>
public sealed class LdapSettings
{
    /// <summary><c>ldap://host</c> or <c>ldap://host:port</c> (default port 389); null or empty turns LDAP publication off (the default).</summary>
    public string? Url { get; set; }

    /// <summary>DN of the account that writes the entries (simple bind).</summary>
    public string? BindDn { get; set; }

    /// <summary>Its password; prefer <see cref="BindPasswordFile"/> (or the environment variable <c>GMPKI_Directory__Ldap__BindPassword</c>).</summary>
    public string? BindPassword { get; set; }

    /// <summary>File holding the password (first line), relative to the data directory or absolute.</summary>
    public string? BindPasswordFile { get; set; }

    /// <summary>Base DN under which the CA entries are published, for example <c>ou=pki,dc=example,dc=gov,dc=cn</c>.</summary>
    public string? BaseDn { get; set; }

    /// <summary>Refusals of one row by the server (not outages) before it is marked failed and audited (1–1000); default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Seconds allowed for connecting and for each operation (1–300); default 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Validates the section; paths resolved in <paramref name="data"/>.</summary>
    /// <returns>The publication settings (null when off or invalid) and every problem found.</returns>
    public (LdapPublication? Publication, IReadOnlyList<string> Problems) Validate(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrWhiteSpace(Url))
        {
            return (null, []);
        }

        var problems = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme != "ldap" || url.AbsolutePath is not ("/" or "") || url.Query.Length > 0 || url.UserInfo.Length > 0)
        {
            problems.Add($"GMPKI-LDAP-001: Directory:Ldap:Url '{Url}' must be ldap://host or ldap://host:port (ldaps and StartTLS are not supported yet).");
        }

        if (string.IsNullOrWhiteSpace(BindDn) || !TryParse(BindDn, out _))
        {
            problems.Add($"GMPKI-LDAP-002: Directory:Ldap:BindDn '{BindDn}' must be a distinguished name.");
        }

        var password = ReadPassword(data, problems);
        DistinguishedName? baseDn = null;
        if (string.IsNullOrWhiteSpace(BaseDn) || !TryParse(BaseDn, out baseDn) || !baseDn!.Rdns.All(r => LdapLayout.ContainerClasses.ContainsKey(r.Type)))
        {
            problems.Add($"GMPKI-LDAP-004: Directory:Ldap:BaseDn '{BaseDn}' must be a distinguished name of single-valued RDNs of the types {string.Join(", ", LdapLayout.ContainerClasses.Keys)}.");
        }

        if (MaxAttempts is < 1 or > 1000 || TimeoutSeconds is < 1 or > 300)
        {
            problems.Add($"GMPKI-LDAP-005: Directory:Ldap:MaxAttempts {MaxAttempts} must be between 1 and 1000 and TimeoutSeconds {TimeoutSeconds} between 1 and 300.");
        }

        return problems.Count > 0
            ? (null, problems)
            : (new LdapPublication(url!.Host, url.IsDefaultPort || url.Port < 0 ? 389 : url.Port, BindDn!, password!, baseDn!, MaxAttempts, TimeSpan.FromSeconds(TimeoutSeconds)), problems);
    }

    private string? ReadPassword(DataDirectory data, List<string> problems)
    {
        if (BindPassword is not null == BindPasswordFile is not null)
        {
            problems.Add("GMPKI-LDAP-003: Directory:Ldap needs exactly one of BindPassword and BindPasswordFile.");
            return null;
        }

        if (BindPasswordFile is null)
        {
            return BindPassword;
        }

        var path = data.Combine(BindPasswordFile);
        try
        {
            return File.ReadLines(path).FirstOrDefault() ?? string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"GMPKI-LDAP-003: Directory:Ldap:BindPasswordFile '{BindPasswordFile}' cannot be read: {e.Message}");
            return null;
        }
    }

    private static bool TryParse(string text, out DistinguishedName? name)
    {
        try
        {
            name = DistinguishedName.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            name = null;
            return false;
        }
    }
}
