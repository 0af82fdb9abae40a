namespace GmPki.Storage.Registration;

/// <summary>Row of table <c>application_steps</c>: one recorded step; the auto-increment id is their order.</summary>
internal sealed class ApplicationStepEntity
{
    public long Id { get; set; }

    public required string ApplicationId { get; set; }

    public required string Step { get; set; }

    public bool Passed { get; set; }

    public DateTime RecordedAt { get; set; }

    public required string Actor { get; set; }

    public string? Role { get; set; }

    public string? Agency { get; set; }

    public required string Method { get; set; }

    public required string Details { get; set; }
}
