namespace GmPki.Storage.Registration;

/// <summary>Row of table <c>agencies</c>: a delegated registration agency (受委托机构).</summary>
internal sealed class AgencyEntity
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public required string ResponsiblePerson { get; set; }

    /// <summary>JSON array of strings.</summary>
    public required string ServiceAddresses { get; set; }

    /// <summary>JSON object: profiles, subscriberTypes (kebab-case), regions.</summary>
    public required string Scope { get; set; }

    public DateOnly AgreementDate { get; set; }

    public DateOnly? FiledOn { get; set; }

    public DateOnly? ChangedOn { get; set; }

    public DateOnly? ChangeFiledOn { get; set; }

    public bool Suspended { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}
