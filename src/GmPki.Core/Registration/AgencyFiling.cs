namespace GmPki.Core.Registration;

/// <summary>Where an agency's filing (备案) stands.</summary>
public enum FilingState
{
    /// <summary>The agreement and every change are filed.</summary>
    Filed,

    /// <summary>A filing is due and the deadline is more than <see cref="AgencyFiling.WarningDays"/> days away.</summary>
    Due,

    /// <summary>A filing is due within <see cref="AgencyFiling.WarningDays"/> days.</summary>
    DueSoon,

    /// <summary>The deadline has passed without a filing.</summary>
    Overdue,
}

/// <summary>
/// The 30-day filing rule of M24 §25: the delegation agreement is filed within 30 days of
/// signing, and each change within 30 days of the change.
/// </summary>
/// <param name="State">Where the filing stands.</param>
/// <param name="What">What must be filed: <c>agreement</c> or <c>change</c>; null when <see cref="FilingState.Filed"/>.</param>
/// <param name="Deadline">Last day to file (inclusive), or null when filed.</param>
/// <param name="DaysLeft">Days from today to the deadline (negative when overdue), or null when filed.</param>
public sealed record AgencyFiling(FilingState State, string? What, DateOnly? Deadline, int? DaysLeft)
{
    /// <summary>Days allowed to file (M24 §25).</summary>
    public const int DeadlineDays = 30;

    /// <summary>A due filing is reported as <see cref="FilingState.DueSoon"/> this many days before its deadline.</summary>
    public const int WarningDays = 7;

    /// <summary>The filing state of <paramref name="agency"/> on <paramref name="today"/> (a China Standard Time calendar date).</summary>
    public static AgencyFiling Of(Agency agency, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (agency.FiledOn is null)
        {
            return Pending("agreement", agency.AgreementDate, today);
        }

        return agency.ChangedOn is { } changed && (agency.ChangeFiledOn is null || agency.ChangeFiledOn < changed)
            ? Pending("change", changed, today)
            : new AgencyFiling(FilingState.Filed, null, null, null);
    }

    /// <summary>A human-readable warning, or null when nothing is due soon or overdue.</summary>
    public string? Warning(string agencyCode) => State switch
    {
        FilingState.Overdue => $"agency '{agencyCode}': the {What} filing (备案) was due by {Deadline:yyyy-MM-dd} and is {-DaysLeft} day(s) overdue (M24 §25).",
        FilingState.DueSoon => $"agency '{agencyCode}': the {What} filing (备案) is due by {Deadline:yyyy-MM-dd}, in {DaysLeft} day(s) (M24 §25).",
        _ => null,
    };

    private static AgencyFiling Pending(string what, DateOnly from, DateOnly today)
    {
        var deadline = from.AddDays(DeadlineDays);
        var left = deadline.DayNumber - today.DayNumber;
        var state = left < 0 ? FilingState.Overdue : left <= WarningDays ? FilingState.DueSoon : FilingState.Due;
        return new AgencyFiling(state, what, deadline, left);
    }
}
