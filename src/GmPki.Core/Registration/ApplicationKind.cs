namespace GmPki.Core.Registration;

/// <summary>What an application (申请) asks for (M24 §18(1), M09 §21(1)).</summary>
public enum ApplicationKind
{
    /// <summary>A first certificate (新申请), from a CSR.</summary>
    New,

    /// <summary>Renewal with a new key (更新), from a CSR.</summary>
    Renew,

    /// <summary>Extension of validity with the same key (延期).</summary>
    Extend,

    /// <summary>Change of certificate information (变更), from a CSR.</summary>
    Change,

    /// <summary>Suspension (冻结).</summary>
    Suspend,

    /// <summary>Recovery from suspension (解冻/恢复).</summary>
    Resume,

    /// <summary>Revocation (撤销).</summary>
    Revoke,

    /// <summary>Recovery of an escrowed encryption key (密钥恢复), fulfilled by the key management centre.</summary>
    KeyRecovery,

    /// <summary>
    /// Revocation by the CA on its own grounds (依职权撤销, D §25 (2)–(5)): false information, breach
    /// of the agreement, security no longer assured, or a legal order — without the holder's will;
    /// always under the two-person rule.
    /// </summary>
    AuthorityRevoke,

    /// <summary>
    /// Judicial key recovery (司法密钥恢复, GM/T 0034): a judicial or supervisory authority's legal
    /// order has the KMC deliver a holder's escrowed encryption key to a designated recipient
    /// certificate; the order is recorded at the desk and two distinct KMC officers approve.
    /// </summary>
    JudicialKeyRecovery,

    /// <summary>
    /// PIN unlock (密码解锁): the KMC answers a holder's USB key's device-authentication challenge
    /// (GM/T 0016) so that its locked user PIN can be reset, after the holder's identity and will are verified.
    /// </summary>
    PinUnlock,
}
