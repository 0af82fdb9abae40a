using GmPki.Core.Registration;
using GmPki.Registration.Agencies;

namespace GmPki.Server.Http;

/// <summary>An agency's data (<c>POST /api/v1/agencies</c>, <c>PUT /api/v1/agencies/{code}</c>).</summary>
/// <param name="Code">Unique code, <c>[a-z0-9-]{2,32}</c> (ignored on PUT: the URL names the agency).</param>
/// <param name="Name">Legal name.</param>
/// <param name="ResponsiblePerson">Person responsible (负责人).</param>
/// <param name="ServiceAddresses">Service point addresses.</param>
/// <param name="Profiles">Profiles it may take applications for.</param>
/// <param name="SubscriberTypes">individual, enterprise, public-institution, social-group, government-department.</param>
/// <param name="Regions">Six-digit GB/T 2260 codes; a code covers its subdivisions.</param>
/// <param name="AgreementDate">Date of the delegation agreement, <c>yyyy-MM-dd</c> (China Standard Time).</param>
public sealed record AgencyBody(
    string? Code, string Name, string ResponsiblePerson, IReadOnlyList<string> ServiceAddresses,
    IReadOnlyList<string> Profiles, IReadOnlyList<string> SubscriberTypes, IReadOnlyList<string> Regions, DateOnly AgreementDate)
{
    /// <summary>The registry's input.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>request-invalid</c> for an unknown subscriber type.</exception>
    public AgencyInput ToInput() => new(Name ?? string.Empty, ResponsiblePerson ?? string.Empty, ServiceAddresses ?? [],
        new AgencyScope(Profiles ?? [], [.. (SubscriberTypes ?? []).Select(t => Names.Parse<SubscriberType>(t, "subscriberTypes"))], Regions ?? []),
        AgreementDate);
}

/// <summary>A filing (备案) of the agreement or of the pending change.</summary>
/// <param name="FiledOn">Date filed, <c>yyyy-MM-dd</c> (China Standard Time).</param>
public sealed record FilingBody(DateOnly FiledOn);

/// <summary>Suspends or resumes an agency.</summary>
/// <param name="Suspended">True to suspend, false to resume.</param>
/// <param name="Reason">Why (required).</param>
public sealed record SuspensionBody(bool Suspended, string Reason);

/// <summary>An agency with its filing state.</summary>
/// <param name="Code">Code.</param>
/// <param name="Name">Legal name.</param>
/// <param name="ResponsiblePerson">Person responsible.</param>
/// <param name="ServiceAddresses">Service points.</param>
/// <param name="Profiles">Delegated profiles.</param>
/// <param name="SubscriberTypes">Delegated subscriber types.</param>
/// <param name="Regions">Delegated regions.</param>
/// <param name="AgreementDate">Agreement date.</param>
/// <param name="FiledOn">Agreement filing date, or null.</param>
/// <param name="ChangedOn">Last change, or null.</param>
/// <param name="ChangeFiledOn">Filing date of the last change, or null.</param>
/// <param name="Suspended">Whether suspended.</param>
/// <param name="Filing">filed, due, due-soon or overdue.</param>
/// <param name="FilingDeadline">Last day to file what is due, or null.</param>
/// <param name="Warning">A warning when a filing is due soon or overdue, else null.</param>
public sealed record AgencyView(
    string Code, string Name, string ResponsiblePerson, IReadOnlyList<string> ServiceAddresses,
    IReadOnlyList<string> Profiles, IReadOnlyList<string> SubscriberTypes, IReadOnlyList<string> Regions,
    DateOnly AgreementDate, DateOnly? FiledOn, DateOnly? ChangedOn, DateOnly? ChangeFiledOn, bool Suspended,
    string Filing, DateOnly? FilingDeadline, string? Warning)
{
    /// <summary>The view of <paramref name="agency"/> with <paramref name="filing"/>.</summary>
    public static AgencyView From(Agency agency, AgencyFiling filing)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(filing);
        return new(agency.Code, agency.Name, agency.ResponsiblePerson, agency.ServiceAddresses, agency.Scope.Profiles,
            [.. agency.Scope.SubscriberTypes.Select(KebabNames.Of)], agency.Scope.Regions, agency.AgreementDate, agency.FiledOn,
            agency.ChangedOn, agency.ChangeFiledOn, agency.Suspended, KebabNames.Of(filing.State), filing.Deadline, filing.Warning(agency.Code));
    }
}

/// <summary>An agency's activity in a period (supervision of agencies, M24 §25).</summary>
/// <param name="Agency">The agency with its filing state.</param>
/// <param name="From">First day (China Standard Time).</param>
/// <param name="To">Last day, inclusive.</param>
/// <param name="SubscribersRegistered">Subscribers it registered.</param>
/// <param name="Applications">Applications it opened, by kind and current state.</param>
public sealed record AgencyReportView(AgencyView Agency, DateOnly From, DateOnly To, int SubscribersRegistered, IReadOnlyList<ApplicationCountView> Applications);

/// <summary>A number of applications.</summary>
/// <param name="Kind">Kind.</param>
/// <param name="State">Current state.</param>
/// <param name="Count">How many.</param>
public sealed record ApplicationCountView(string Kind, string State, int Count);
