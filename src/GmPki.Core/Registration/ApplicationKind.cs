namespace GmPki.Core.Registration;

/// <summary>What an application (申请) asks for (REQUIREMENTS.md §1).</summary>
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
}
