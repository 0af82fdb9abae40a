using GmPki.Core.Ledger;

namespace GmPki.Kmc;

/// <summary>Checks every CA request to the KMC shares (IDs, approvals) and the actor its events name.</summary>
internal static class KmcRequests
{
    /// <summary>Longest CA ID or request ID, in characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The actor of a CA's request: <c>ca:{caId}</c> with the CA's request ID.</summary>
    public static Actor CaActor(string? caId, string? requestId) => new("ca:" + caId, null, requestId);

    /// <summary>Requires a non-blank ID of at most <see cref="MaxIdLength"/> characters.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-request-invalid</c>.</exception>
    public static void RequireId(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength)
        {
            throw KmcErrors.RequestInvalid.With($"{name} must be 1–{MaxIdLength} characters.");
        }
    }

    /// <summary>Whether an authorisation has a non-blank reference and at least one approver.</summary>
    public static bool IsApproved(string? reference, IReadOnlyList<string>? approvedBy) =>
        !string.IsNullOrWhiteSpace(reference) && approvedBy is { Count: > 0 };

    /// <summary>How many different approvers are named (trimmed, ordinal; blank names do not count).</summary>
    public static int DistinctApprovers(IReadOnlyList<string> approvedBy) =>
        approvedBy.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).Count();
}
