namespace GmPki.Registration.Workflow;

/// <summary>An evidence file supplied with a step (ID document scan, signed paper form, …).</summary>
/// <param name="Name">File name.</param>
/// <param name="MediaType">Media type, for example <c>image/jpeg</c> or <c>application/pdf</c>.</param>
/// <param name="Content">The bytes, at most <see cref="MaxLength"/>.</param>
public sealed record EvidenceInput(string Name, string MediaType, byte[] Content)
{
    /// <summary>Largest evidence file: 10 MiB.</summary>
    public const int MaxLength = 10 * 1024 * 1024;
}
