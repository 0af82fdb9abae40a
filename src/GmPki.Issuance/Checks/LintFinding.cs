namespace GmPki.Issuance.Checks;

/// <summary>One violation found by the pre-issuance check.</summary>
/// <param name="Check">Stable check ID, for example <c>m24-19-5-policy</c> (catalog in <c>docs/issuance.md</c>).</param>
/// <param name="Message">What is wrong.</param>
internal sealed record LintFinding(string Check, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"[{Check}] {Message}";
}
