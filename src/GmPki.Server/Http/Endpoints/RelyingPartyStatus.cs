using System.Security.Cryptography;
using GmPki.Core.Ledger;
using GmPki.Verification.Paths;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// This installation's own status of the certificates its CAs issued, applied to a validated
/// path (issue 15 item 8): a certificate of the path that a CA of this installation issued,
/// found in its public directory with the same bytes and revoked or suspended at or before the
/// validation time, makes the path invalid with failure <c>revoked</c> (RFC 5280 §6.1.3 (a)(3)),
/// its CRLReason and the time of the status change, whether or not the caller sent CRLs or OCSP
/// responses. The issuer of a path element is the next element (the path runs end entity first).
/// </summary>
/// <param name="authorities">This installation's CA records.</param>
/// <param name="directory">The public directory of issued certificates and their status.</param>
internal sealed class RelyingPartyStatus(IReadOnlyList<AuthorityRecord> authorities, IPublicDirectory directory)
{
    private readonly Dictionary<string, string> _labels = authorities
        .GroupBy(a => Sha256(a.CertificateDer), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Label, StringComparer.Ordinal);

    /// <summary>The response form of <paramref name="result"/> after this installation's own status is applied.</summary>
    /// <param name="result">A path validation result.</param>
    /// <param name="cancellationToken">Cancels the directory reads.</param>
    public async Task<PathValidationResponse> ResponseAsync(PathValidationResult result, CancellationToken cancellationToken)
    {
        var path = result.Path.ToList();
        (PathElement Element, string Reason, DateTime? At)? revoked = null;
        for (var i = 0; i + 1 < path.Count; i++)
        {
            if (!_labels.TryGetValue(path[i + 1].Sha256, out var label)
                || await directory.FindAsync(label, LedgerSerial(path[i].Serial), cancellationToken) is not { Certificate.CertificateDer: { } issued } entry
                || Sha256(issued) != path[i].Sha256)
            {
                continue;
            }

            if (entry.Certificate.Status == CertificateStatus.Good || (entry.StatusChangedAt is { } changed && WholeSeconds(changed) > result.ValidationTime))
            {
                path[i] = path[i] with { Revocation = path[i].Revocation == "not-checked" ? "good" : path[i].Revocation };
                continue;
            }

            path[i] = path[i] with { Revocation = "revoked" };
            revoked ??= (path[i], entry.Reason ?? (entry.Certificate.Status == CertificateStatus.Suspended ? "certificateHold" : "unspecified"), entry.StatusChangedAt);
        }

        var response = new PathValidationResponse(result.Valid, result.Failure?.ToCode(), result.Reason, result.ValidationTime, path, result.Policies, result.Warnings, revoked?.Reason, revoked?.At);
        return revoked is not { } found || !result.Valid ? response : response with
        {
            Valid = false,
            Failure = PathFailure.Revoked.ToCode(),
            Reason = $"{found.Element.Subject} [serial {found.Element.Serial}]: revoked by this CA (its own records), reason {found.Reason}"
                + (found.At is { } at ? $", at {at:yyyy-MM-ddTHH:mm:ssZ}" : "") + " (RFC 5280 §6.1.3 (a)(3)).",
            Policies = [],
        };
    }

    /// <summary>The ledger's form of a serial: lowercase hex of whole octets (a path element's serial drops a leading zero nibble).</summary>
    private static string LedgerSerial(string serial) => serial.Length % 2 == 0 ? serial : "0" + serial;

    /// <summary>The validation time is in whole seconds (<see cref="PathValidationResult.ValidationTime"/>); so is a status change compared with it.</summary>
    private static DateTime WholeSeconds(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Kind);

    private static string Sha256(byte[] der) => Convert.ToHexStringLower(SHA256.HashData(der));
}
