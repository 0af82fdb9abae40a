namespace GmPki.Registration.Agencies;

/// <summary>
/// The deployment switch for delegated registration: off for CAs that may not delegate
/// (D §22 forbids e-government CAs to delegate registration), on where M24 §25 allows it.
/// </summary>
/// <param name="Enabled">When false, no agency can be registered and agency operators cannot act.</param>
public sealed record DelegationPolicy(bool Enabled);
