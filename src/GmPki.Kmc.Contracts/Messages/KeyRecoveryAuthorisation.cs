namespace GmPki.Kmc.Messages;

/// <summary>The ground of a key recovery, recorded in the audit event.</summary>
/// <param name="Kind">Holder recovery (GM/T 0034 用户密钥恢复) or judicial recovery (司法密钥恢复).</param>
/// <param name="Reference">The application or the judicial document's number; non-empty.</param>
/// <param name="ApprovedBy">Operators who approved the recovery; at least one.</param>
public sealed record KeyRecoveryAuthorisation(KeyRecoveryKind Kind, string Reference, IReadOnlyList<string> ApprovedBy);

/// <summary>Kinds of key recovery (GM/T 0034).</summary>
public enum KeyRecoveryKind
{
    /// <summary>The holder recovers their own key (lost USB key).</summary>
    Holder,

    /// <summary>A judicial or supervisory authority recovers a holder's key.</summary>
    Judicial,
}
