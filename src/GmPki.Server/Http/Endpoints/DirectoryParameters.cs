using System.Globalization;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// Reads the query parameters of the public directory and announcements. An absent or empty
/// parameter is no criterion; a malformed one is <c>directory-query-invalid</c> (400, audited as
/// <c>request.rejected</c> by the exception handler).
/// </summary>
internal static partial class DirectoryParameters
{
    /// <summary>Longest text criterion (subject, holder, organization), in UTF-16 code units.</summary>
    public const int MaxTextLength = 256;

    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    /// <summary>A serial in the ledger's spelling (<see cref="SerialText.Normalize"/>: hex, any case, colons allowed).</summary>
    /// <exception cref="GmPkiException"><c>directory-query-invalid</c>: not hexadecimal or over 20 octets.</exception>
    public static string? Serial(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var hex = SerialText.Normalize(text);
        return hex.Length is > 0 and <= 40 && hex.All(char.IsAsciiHexDigitLower)
            ? hex
            : throw Errors.DirectoryQueryInvalid.With($"'{name}' is not a hexadecimal serial number of at most 20 octets: '{text}'.");
    }

    /// <summary>A CA label (<c>[a-z0-9-]</c>, as <c>GET /api/v1/authorities</c> lists them).</summary>
    /// <exception cref="GmPkiException"><c>directory-query-invalid</c> for another form.</exception>
    public static string? Label(string? text, string name)
        => string.IsNullOrEmpty(text) ? null
            : LabelPattern().IsMatch(text) ? text : throw Errors.DirectoryQueryInvalid.With($"'{name}' is not a CA label ([a-z0-9-], at most 64): '{text}'.");

    /// <summary>A text criterion, trimmed.</summary>
    /// <exception cref="GmPkiException"><c>directory-query-invalid</c>: blank, or longer than <see cref="MaxTextLength"/>.</exception>
    public static string? Text(string? text, string name)
    {
        if (text is null || text.Length == 0)
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length is > 0 and <= MaxTextLength
            ? trimmed
            : throw Errors.DirectoryQueryInvalid.With($"'{name}' must be 1–{MaxTextLength} characters other than blanks.");
    }

    /// <summary>An instant in ISO 8601 (<c>2026-11-22T08:00:00Z</c>, <c>…+08:00</c>, or a date; without an offset it is UTC), as UTC.</summary>
    /// <exception cref="GmPkiException"><c>directory-query-invalid</c> for anything else.</exception>
    public static DateTime? Instant(string? text, string name)
        => string.IsNullOrEmpty(text) ? null
            : DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                ? instant.UtcDateTime
                : throw Errors.DirectoryQueryInvalid.With($"'{name}' is not an ISO 8601 instant (for example 2026-11-22T08:00:00Z): '{text}'.");

    /// <summary>A status: good, suspended or revoked.</summary>
    /// <exception cref="GmPkiException"><c>directory-query-invalid</c> for another word.</exception>
    public static CertificateStatus? Status(string? text, string name)
        => string.IsNullOrEmpty(text) ? null
            : KebabNames.TryParse<CertificateStatus>(text, out var status) ? status
            : throw Errors.DirectoryQueryInvalid.With($"'{name}' must be one of {string.Join(", ", KebabNames.All<CertificateStatus>())}, not '{text}'.");

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex LabelPattern();
}
