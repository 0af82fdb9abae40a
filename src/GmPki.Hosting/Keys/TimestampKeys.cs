using GmPki.Core.Keys;
using GmPki.Core.Ledger;

namespace GmPki.Hosting.Keys;

/// <summary>The installation's TSA key (<see cref="ServiceKeyDuty.Timestamping"/>): signs RFC 3161 time-stamp tokens (<c>docs/relying-party.md</c>).</summary>
/// <param name="data">The data directory.</param>
/// <param name="keys">The key store.</param>
/// <param name="registry">The CAs (to open the issuing CA for an existing installation).</param>
/// <param name="ledger">Where the TSA certificate is recorded.</param>
/// <param name="clock">Time source.</param>
public sealed class TimestampKeys(DataDirectory data, IKeyStore keys, IAuthorityRegistry registry, IIssuanceLedger ledger, TimeProvider clock)
    : CertifiedServiceKey(ServiceKeyDuty.Timestamping, data, keys, registry, ledger, clock)
{
    /// <summary>Key store label of the TSA key.</summary>
    public const string Label = "tsa";
}
