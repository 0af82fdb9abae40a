using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Agencies;

/// <summary>
/// The CA's register of delegated registration agencies (受委托机构, M24 §25): registration,
/// changes (which make a new filing due), filings (备案), suspension, and the filing state of
/// each agency against the 30-day deadlines. Agencies cannot delegate further: the model has no
/// parent agency, and an agency operator calling here is refused. Every write is audited.
/// </summary>
public sealed partial class AgencyRegistry(IAgencyStore store, IRegistrationLedger ledger, IReadOnlyDictionary<string, CertificateProfile> profiles, DelegationPolicy policy, TimeProvider clock)
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>Today's calendar date in China Standard Time (UTC+8), the date filings are counted in.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaStandardTime).DateTime);

    /// <summary>Registers an agency (not yet filed).</summary>
    /// <param name="code">Unique code, <c>[a-z0-9-]{2,32}</c>.</param>
    /// <param name="input">Its data.</param>
    /// <param name="actor">A CA administrator.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="GmPkiException"><c>agency-invalid</c>; <c>agency-scope-violated</c> when delegation is off or an agency operator tries to sub-delegate.</exception>
    public async Task<Agency> RegisterAsync(string code, AgencyInput input, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        DemandDelegator(actor);
        if (!policy.Enabled)
        {
            throw Errors.AgencyScopeViolated.With("delegated registration is switched off in this deployment (D §22); no agency can be registered.");
        }

        if (!CodePattern().IsMatch(code))
        {
            throw Errors.AgencyInvalid.With($"agency code '{code}' must match [a-z0-9-]{{2,32}}.");
        }

        Validate(input);
        var agency = new Agency(code, input.Name.Trim(), input.ResponsiblePerson.Trim(), [.. input.ServiceAddresses.Select(a => a.Trim())], input.Scope,
            input.AgreementDate, null, null, null, false, 0, clock.GetUtcNow().UtcDateTime);
        await store.AddAsync(agency, Event("agency.registered", actor, agency, new { after = Describe(agency) }), cancellationToken);
        return agency;
    }

    /// <summary>Changes an agency's name, responsible person, addresses, scope or agreement date; the change must be filed within 30 days.</summary>
    /// <exception cref="GmPkiException"><c>agency-not-found</c>, <c>agency-invalid</c>, <c>application-changed</c> on a concurrent change, <c>agency-scope-violated</c>.</exception>
    public async Task<Agency> ChangeAsync(string code, AgencyInput input, RegistrationActor actor, CancellationToken cancellationToken)
    {
        DemandDelegator(actor);
        Validate(input);
        var before = await FindAsync(code, cancellationToken);
        var after = before with
        {
            Name = input.Name.Trim(),
            ResponsiblePerson = input.ResponsiblePerson.Trim(),
            ServiceAddresses = [.. input.ServiceAddresses.Select(a => a.Trim())],
            Scope = input.Scope,
            AgreementDate = input.AgreementDate,
            ChangedOn = Today,
            ChangeFiledOn = null,
        };
        return await WriteAsync(before, after, "agency.changed", actor, new { before = Describe(before), after = Describe(after) }, cancellationToken);
    }

    /// <summary>Records that the agreement (first) or the pending change was filed on <paramref name="filedOn"/>.</summary>
    /// <exception cref="GmPkiException"><c>agency-not-found</c>; <c>agency-invalid</c> when nothing is pending or the date precedes the agreement or change, or is in the future.</exception>
    public async Task<Agency> RecordFilingAsync(string code, DateOnly filedOn, RegistrationActor actor, CancellationToken cancellationToken)
    {
        DemandDelegator(actor);
        var before = await FindAsync(code, cancellationToken);
        if (filedOn > Today)
        {
            throw Errors.AgencyInvalid.With($"the filing date {filedOn:yyyy-MM-dd} is in the future.");
        }

        var filing = AgencyFiling.Of(before, Today);
        var (after, from) = filing.What switch
        {
            "agreement" => (before with { FiledOn = filedOn }, before.AgreementDate),
            "change" => (before with { ChangeFiledOn = filedOn }, before.ChangedOn!.Value),
            _ => throw Errors.AgencyInvalid.With($"agency '{code}' has nothing to file: the agreement and every change are filed."),
        };
        if (filedOn < from)
        {
            throw Errors.AgencyInvalid.With($"the {filing.What} of {from:yyyy-MM-dd} cannot have been filed on {filedOn:yyyy-MM-dd}.");
        }

        return await WriteAsync(before, after, "agency.filed", actor, new { what = filing.What, filedOn, late = filedOn > filing.Deadline }, cancellationToken);
    }

    /// <summary>Suspends an agency (its operators can no longer act) or lifts the suspension.</summary>
    /// <exception cref="GmPkiException"><c>agency-not-found</c>, <c>agency-invalid</c> without a reason, <c>agency-scope-violated</c>.</exception>
    public async Task<Agency> SetSuspendedAsync(string code, bool suspended, string reason, RegistrationActor actor, CancellationToken cancellationToken)
    {
        DemandDelegator(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Errors.AgencyInvalid.With("a reason is required.");
        }

        var before = await FindAsync(code, cancellationToken);
        return await WriteAsync(before, before with { Suspended = suspended }, suspended ? "agency.suspended" : "agency.resumed", actor, new { reason }, cancellationToken);
    }

    /// <summary>The agencies with their filing state today.</summary>
    public async Task<IReadOnlyList<(Agency Agency, AgencyFiling Filing)>> ListAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        return [.. (await store.ListAsync(cancellationToken)).Select(a => (a, AgencyFiling.Of(a, today)))];
    }

    /// <summary>The agency with <paramref name="code"/>.</summary>
    /// <exception cref="GmPkiException"><c>agency-not-found</c>.</exception>
    public async Task<Agency> FindAsync(string code, CancellationToken cancellationToken)
        => await store.FindAsync(code, cancellationToken) ?? throw Errors.AgencyNotFound.With($"no agency '{code}'.");

    /// <summary>What an agency registered from <paramref name="first"/> to <paramref name="last"/> (China Standard Time calendar days, inclusive): subscribers and applications by kind and state.</summary>
    /// <exception cref="GmPkiException"><c>agency-not-found</c>; <c>request-invalid</c> when the period is reversed.</exception>
    public async Task<RegistrationActivity> ReportAsync(string code, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        if (last < first)
        {
            throw Errors.RequestInvalid.With("the report period must end after it starts.");
        }

        var agency = await FindAsync(code, cancellationToken);
        return await ledger.CountActivityAsync(agency.Code, StartUtc(first), StartUtc(last.AddDays(1)), cancellationToken);
    }

    /// <summary>Midnight China Standard Time of <paramref name="day"/>, in UTC.</summary>
    private static DateTime StartUtc(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaStandardTime).UtcDateTime;

    private static void DemandDelegator(RegistrationActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role == OperatorRole.AgencyOperator)
        {
            throw Errors.AgencyScopeViolated.With("an agency cannot delegate further or manage agencies: sub-delegation is not allowed (M24 §25).");
        }
    }

    private void Validate(AgencyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            problems.Add("name is required");
        }

        if (string.IsNullOrWhiteSpace(input.ResponsiblePerson))
        {
            problems.Add("responsiblePerson is required");
        }

        if (input.ServiceAddresses is null || input.ServiceAddresses.Count == 0 || input.ServiceAddresses.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("at least one non-empty service address is required");
        }

        if (input.Scope is null || input.Scope.Profiles.Count == 0 || input.Scope.SubscriberTypes.Count == 0 || input.Scope.Regions.Count == 0)
        {
            problems.Add("the scope needs at least one profile, subscriber type and region");
        }
        else
        {
            problems.AddRange(input.Scope.Profiles.Where(p => !profiles.ContainsKey(p)).Select(p => $"profile '{p}' does not exist"));
            problems.AddRange(input.Scope.Regions.Where(r => !RegionPattern().IsMatch(r)).Select(r => $"region '{r}' is not a six-digit GB/T 2260 code"));
        }

        if (input.AgreementDate > Today)
        {
            problems.Add($"the agreement date {input.AgreementDate:yyyy-MM-dd} is in the future");
        }

        if (problems.Count > 0)
        {
            throw Errors.AgencyInvalid.With(string.Join("; ", problems) + ".");
        }
    }

    private async Task<Agency> WriteAsync(Agency before, Agency after, string action, RegistrationActor actor, object details, CancellationToken cancellationToken)
    {
        var written = after with { Version = before.Version + 1, UpdatedAt = clock.GetUtcNow().UtcDateTime };
        return await store.UpdateAsync(written, before.Version, Event(action, actor, written, details), cancellationToken)
            ? written
            : throw Errors.ApplicationChanged.With($"agency '{before.Code}' was changed by someone else meanwhile; reload and retry.");
    }

    private AuditEvent Event(string action, RegistrationActor actor, Agency agency, object details)
        => actor.Event(clock.GetUtcNow().UtcDateTime, action, "agency:" + agency.Code, "success", details);

    private static object Describe(Agency a) => new
    {
        a.Name,
        a.ResponsiblePerson,
        a.ServiceAddresses,
        profiles = a.Scope.Profiles,
        subscriberTypes = a.Scope.SubscriberTypes.Select(KebabNames.Of),
        regions = a.Scope.Regions,
        agreementDate = a.AgreementDate,
    };

    [GeneratedRegex("^[a-z0-9-]{2,32}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex RegionPattern();
}
