using System.Net.Http.Headers;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// The rules for an evidence file's name and media type, which become the download's
/// Content-Disposition and Content-Type headers: 1 to 255 characters, no control characters,
/// and a media type of the form <c>type/subtype</c> (RFC 6838).
/// </summary>
public static class EvidenceNames
{
    /// <summary>Longest file name or media type: 255 characters.</summary>
    public const int MaxLength = 255;

    /// <summary>Whether <paramref name="text"/> can be a name or media type: present, at most <see cref="MaxLength"/> characters, no control character.</summary>
    public static bool Acceptable(string? text)
        => !string.IsNullOrWhiteSpace(text) && text.Length <= MaxLength && !text.Any(char.IsControl);

    /// <summary>Whether <paramref name="mediaType"/> is an acceptable <c>type/subtype</c>, optionally with parameters.</summary>
    public static bool IsMediaType(string? mediaType)
        => Acceptable(mediaType) && MediaTypeHeaderValue.TryParse(mediaType, out var parsed)
            && parsed.MediaType is { } type && type.Split('/') is [{ Length: > 0 }, { Length: > 0 }];

    /// <summary>
    /// The summary as it can be handed out: for a file stored before these rules were enforced, control
    /// characters in the name become <c>_</c> (a name of nothing else becomes <c>evidence-{id}</c>) and a media type
    /// that breaks the rules becomes <c>application/octet-stream</c>.
    /// </summary>
    public static EvidenceSummary Deliverable(EvidenceSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var name = new string([.. (summary.Name ?? string.Empty).Take(MaxLength).Select(c => char.IsControl(c) ? '_' : c)]);
        return summary with
        {
            Name = (summary.Name ?? string.Empty).All(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? $"evidence-{summary.Id:N}" : name,
            MediaType = IsMediaType(summary.MediaType) ? summary.MediaType : "application/octet-stream",
        };
    }
}
