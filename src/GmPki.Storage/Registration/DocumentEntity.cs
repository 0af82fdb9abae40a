namespace GmPki.Storage.Registration;

/// <summary>Row of table <c>documents</c>: one published version of a notice, agreement or CPS (never changed).</summary>
internal sealed class DocumentEntity
{
    public required string Kind { get; set; }

    public int Version { get; set; }

    public required string Title { get; set; }

    /// <summary>The sections as a JSON object of key → text.</summary>
    public required string Sections { get; set; }

    public int? CpsVersion { get; set; }

    public required string Sm3 { get; set; }

    public DateTime PublishedAt { get; set; }

    public required string PublishedBy { get; set; }
}
