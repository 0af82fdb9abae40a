using GmPki.Core.Errors;

namespace GmPki.Registration.Workflow;

/// <summary>An evidence file supplied with a step (ID document scan, signed paper form, …).</summary>
/// <param name="Name">File name: 1 to <see cref="EvidenceNames.MaxLength"/> characters, no control characters (it becomes the download's Content-Disposition).</param>
/// <param name="MediaType">Media type (RFC 6838 <c>type/subtype</c>, optional parameters), for example <c>image/jpeg</c> or <c>application/pdf</c>; no control characters (it becomes the download's Content-Type).</param>
/// <param name="Content">The bytes, at most <see cref="MaxLength"/>.</param>
public sealed record EvidenceInput(string Name, string MediaType, byte[] Content)
{
    /// <summary>Largest evidence file: 10 MiB.</summary>
    public const int MaxLength = 10 * 1024 * 1024;

    /// <summary>
    /// Refuses a file that cannot be stored or handed out again: without content, over
    /// <see cref="MaxLength"/>, or with a name or media type that is missing, too long, carries a
    /// control character (CR and LF would split the download's headers) or, for the media type, is
    /// not <c>type/subtype</c>. Called for every file of a request before anything is recorded.
    /// </summary>
    /// <exception cref="GmPkiException"><c>evidence-invalid</c>; <c>evidence-too-large</c>.</exception>
    public void Demand()
    {
        if (Content is null)
        {
            throw Errors.EvidenceInvalid.With("every evidence file needs its content.");
        }

        if (Content.Length > MaxLength)
        {
            throw Errors.EvidenceTooLarge.With($"an evidence file has {Content.Length} bytes; the limit is {MaxLength}.");
        }

        if (!EvidenceNames.Acceptable(Name) || !EvidenceNames.Acceptable(MediaType))
        {
            throw Errors.EvidenceInvalid.With($"every evidence file needs a name and a media type of 1 to {EvidenceNames.MaxLength} characters without control characters (CR, LF, …).");
        }

        if (!EvidenceNames.IsMediaType(MediaType))
        {
            throw Errors.EvidenceInvalid.With($"media type '{MediaType}' is not type/subtype (RFC 6838), for example image/jpeg.");
        }
    }
}
