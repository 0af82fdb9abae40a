using GmPki.Core.Errors;

namespace GmPki.Registration.Workflow;

/// <summary>An evidence file supplied with a step (ID document scan, signed paper form, …).</summary>
/// <param name="Name">File name.</param>
/// <param name="MediaType">Media type, for example <c>image/jpeg</c> or <c>application/pdf</c>.</param>
/// <param name="Content">The bytes, at most <see cref="MaxLength"/>.</param>
public sealed record EvidenceInput(string Name, string MediaType, byte[] Content)
{
    /// <summary>Largest evidence file: 10 MiB.</summary>
    public const int MaxLength = 10 * 1024 * 1024;

    /// <summary>Refuses a file that cannot be stored: over <see cref="MaxLength"/>, or without a name or media type.</summary>
    /// <exception cref="GmPkiException"><c>evidence-too-large</c>; <c>step-invalid</c>.</exception>
    public void Demand()
    {
        if (Content.Length > MaxLength)
        {
            throw Errors.EvidenceTooLarge.With($"{Name} has {Content.Length} bytes; the limit is {MaxLength}.");
        }

        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(MediaType))
        {
            throw Errors.StepInvalid.With("every evidence file needs a name and a media type.");
        }
    }
}
