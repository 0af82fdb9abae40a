using GmPki.Core.Keys;
using GmPki.Core.Ledger;

namespace GmPki.Hosting.Keys;

/// <summary>The installation's audit key (<see cref="ServiceKeyDuty.Audit"/>): signs the checkpoints of the audit chain (<c>docs/audit.md</c>).</summary>
/// <param name="data">The data directory.</param>
/// <param name="keys">The key store.</param>
/// <param name="registry">The CAs (to open the issuing CA for an existing installation).</param>
/// <param name="ledger">Where the audit key's certificate is recorded.</param>
/// <param name="clock">Time source.</param>
public sealed class AuditKeys(DataDirectory data, IKeyStore keys, IAuthorityRegistry registry, IIssuanceLedger ledger, TimeProvider clock)
    : CertifiedServiceKey(ServiceKeyDuty.Audit, data, keys, registry, ledger, clock)
{
    /// <summary>Key store label of the audit key.</summary>
    public const string Label = "audit";
}
