namespace GmPki.Storage.Registration;

/// <summary>Row of table <c>evidence_files</c>: a file attached to a step, its content SM4-GCM protected, its SM3 digest of the plain content.</summary>
internal sealed class EvidenceEntity
{
    public required string Id { get; set; }

    public required string ApplicationId { get; set; }

    public required string Step { get; set; }

    public required string Name { get; set; }

    public required string MediaType { get; set; }

    public long Length { get; set; }

    public required string Sm3 { get; set; }

    public required byte[] ContentProtected { get; set; }
}
