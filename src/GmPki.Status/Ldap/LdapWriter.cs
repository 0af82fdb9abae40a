using System.DirectoryServices.Protocols;
using System.Net;

namespace GmPki.Status.Ldap;

/// <summary>
/// One bound LDAPv3 connection that writes <see cref="DirectoryEntry"/>s idempotently: an existing
/// entry gets its attributes replaced (RFC 4511 §4.6), a missing one is added (§4.7), after its
/// missing ancestors. Not safe for concurrent use.
/// </summary>
public sealed class LdapWriter : IDisposable
{
    private readonly LdapConnection _connection;

    private LdapWriter(LdapConnection connection) => _connection = connection;

    /// <summary>Connects and binds.</summary>
    /// <exception cref="LdapException">The server cannot be reached or refused the bind (an outage, <see cref="IsOutage"/>).</exception>
    public static LdapWriter Open(LdapPublication settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(settings.Host, settings.Port), new NetworkCredential(settings.BindDn, settings.BindPassword), AuthType.Basic)
        {
            Timeout = settings.Timeout,
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            connection.Bind();
            return new LdapWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> means the directory as a whole is unusable now (unreachable,
    /// bind refused, busy, unavailable), so rows wait without counting an attempt; any other
    /// refusal is the row's own.
    /// </summary>
    public static bool IsOutage(Exception e) => e switch
    {
        DirectoryOperationException operation => operation.Response?.ResultCode is ResultCode.Busy or ResultCode.Unavailable,
        LdapException => true,
        _ => false,
    };

    /// <summary>Writes <c>chain[0]</c>, first creating those of its ancestors <c>chain[1..]</c> (nearest first) that are missing.</summary>
    /// <exception cref="DirectoryOperationException">The server refused an operation.</exception>
    /// <exception cref="LdapException">The connection failed.</exception>
    public void Write(IReadOnlyList<DirectoryEntry> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var entry = chain[0];
        var dn = entry.Name.ToString();
        var naming = entry.Name.Rdns[0].Type;
        var modify = new ModifyRequest(dn);
        foreach (var (name, value) in entry.Attributes.Where(a => !a.Key.Equals(naming, StringComparison.OrdinalIgnoreCase)))
        {
            var replace = new DirectoryAttributeModification { Name = name, Operation = DirectoryAttributeOperation.Replace };
            replace.Add(value);
            modify.Modifications.Add(replace);
        }

        if (modify.Modifications.Count > 0 && Send(modify, ResultCode.NoSuchObject) == ResultCode.Success)
        {
            return;
        }

        // Missing: add it. Added meanwhile by another writer: replace its attributes after all.
        if (Add(chain) == ResultCode.EntryAlreadyExists && modify.Modifications.Count > 0)
        {
            _connection.SendRequest(modify);
        }
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>Adds <c>chain[0]</c>, creating missing ancestors first when its parent is missing; the result is success or entryAlreadyExists.</summary>
    private ResultCode Add(IReadOnlyList<DirectoryEntry> chain)
    {
        var entry = chain[0];
        var add = new AddRequest(entry.Name.ToString(), new DirectoryAttribute("objectClass", [.. entry.ObjectClasses]));
        foreach (var (name, value) in entry.Attributes)
        {
            add.Attributes.Add(new DirectoryAttribute(name, value));
        }

        var result = Send(add, ResultCode.NoSuchObject, ResultCode.EntryAlreadyExists);
        if (result != ResultCode.NoSuchObject)
        {
            return result;
        }

        if (chain.Count == 1)
        {
            throw new DirectoryOperationException($"{entry.Name.Parent} does not exist on the server, and entries above the base DN are not created.");
        }

        Add([.. chain.Skip(1)]);
        return Send(add, ResultCode.EntryAlreadyExists);
    }

    /// <summary>Sends <paramref name="request"/>: success, or the result code when it is one of <paramref name="tolerated"/>; other refusals throw.</summary>
    private ResultCode Send(DirectoryRequest request, params ResultCode[] tolerated)
    {
        try
        {
            _connection.SendRequest(request);
            return ResultCode.Success;
        }
        catch (DirectoryOperationException e) when (e.Response is { } response && tolerated.Contains(response.ResultCode))
        {
            return response.ResultCode;
        }
    }
}
