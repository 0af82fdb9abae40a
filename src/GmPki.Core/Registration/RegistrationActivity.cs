namespace GmPki.Core.Registration;

/// <summary>What was registered in a period (the per-agency activity report, M24 §25 supervision).</summary>
/// <param name="SubscribersRegistered">Subscribers registered in the period.</param>
/// <param name="Applications">Applications opened in the period, by kind and current state.</param>
public sealed record RegistrationActivity(int SubscribersRegistered, IReadOnlyList<ApplicationCount> Applications);

/// <summary>A number of applications of one kind in one state.</summary>
/// <param name="Kind">Application kind.</param>
/// <param name="State">Current state.</param>
/// <param name="Count">How many.</param>
public sealed record ApplicationCount(ApplicationKind Kind, ApplicationState State, int Count);
