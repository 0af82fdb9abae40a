namespace GmPki.Status.Ldap;

/// <summary>The validated <c>Directory:Ldap</c> settings (<c>docs/configuration.md</c>).</summary>
/// <param name="Host">Host name or address of the LDAP server (from <c>ldap://host:port</c>).</param>
/// <param name="Port">TCP port (389 when the URL gives none).</param>
/// <param name="BindDn">DN of the account that writes the entries (simple bind, RFC 4513 §5.1.3).</param>
/// <param name="BindPassword">Its password.</param>
/// <param name="Base">Where the entries go.</param>
/// <param name="MaxAttempts">Attempts after which a row the server keeps refusing is marked failed and audited.</param>
/// <param name="Timeout">Time limit of connecting and of each operation.</param>
public sealed record LdapPublication(string Host, int Port, string BindDn, string BindPassword, DistinguishedName Base, int MaxAttempts, TimeSpan Timeout)
{
    /// <summary>The server as an <c>ldap://</c> URL (for logs; never the password).</summary>
    public string Url => $"ldap://{Host}:{Port}";
}
