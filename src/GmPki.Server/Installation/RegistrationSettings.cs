namespace GmPki.Server.Installation;

/// <summary>Section <c>Registration</c>: the registration authority's deployment switches.</summary>
public sealed class RegistrationSettings
{
    /// <summary>
    /// Whether registration may be delegated to agencies (受委托机构, M24 §25). Set false where
    /// delegation is forbidden (D §22, e-government CAs): no agency can then be registered and
    /// agency operators cannot act. Default true.
    /// </summary>
    public bool DelegationEnabled { get; set; } = true;
}
