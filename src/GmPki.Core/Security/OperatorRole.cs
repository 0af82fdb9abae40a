namespace GmPki.Core.Security;

/// <summary>
/// Operator roles. Administrator, security officer and audit officer are the 三员 (three
/// separated officers) and must be held by distinct people.
/// </summary>
public enum OperatorRole
{
    /// <summary>Registrar (注册员): verifies identities and submits applications.</summary>
    Registrar,

    /// <summary>Reviewer (审核员): approves applications.</summary>
    Reviewer,

    /// <summary>Operator of a delegated registration agency (受委托机构).</summary>
    AgencyOperator,

    /// <summary>CA administrator (系统管理员).</summary>
    CaAdministrator,

    /// <summary>Security officer (安全管理员).</summary>
    SecurityOfficer,

    /// <summary>Audit officer (安全审计员).</summary>
    AuditOfficer,

    /// <summary>Read-only inspector (监督检查).</summary>
    Inspector,

    /// <summary>KMC officer (密钥管理员): approves judicial key recoveries, two distinct officers each time.</summary>
    KmcOfficer,
}
