namespace GmPki.Core.Errors;

/// <summary>
/// One entry of <see cref="ErrorCatalogue"/>: a kebab-case problem code (RFC 9457 <c>code</c>
/// member, with its <see cref="ErrorKind"/> and HTTP status) or a numbered configuration problem
/// ID (<c>GMPKI-AREA-nnn</c>, reported at start-up; no kind, no status).
/// </summary>
/// <param name="Id">The code (<c>csr-bad-signature</c>) or the ID (<c>GMPKI-PROFILE-003</c>).</param>
/// <param name="Kind">The error's kind for a problem code; null for a configuration problem.</param>
/// <param name="Chinese">What the entry means, in Simplified Chinese (zh-CN).</param>
/// <param name="English">What the entry means, in English.</param>
public sealed record CatalogueEntry(string Id, ErrorKind? Kind, string Chinese, string English)
{
    /// <summary>The HTTP status a problem document of this code carries (<see cref="ErrorCatalogue.StatusOf"/>); null for a configuration problem.</summary>
    public int? HttpStatus => Kind is { } kind ? ErrorCatalogue.StatusOf(kind) : null;

    /// <summary>The taxonomy entry of this code with its fixed English <paramref name="title"/>.</summary>
    /// <exception cref="InvalidOperationException">The entry is a configuration problem ID, not a problem code.</exception>
    internal GmPkiError Titled(string title)
        => new(Id, Kind ?? throw new InvalidOperationException($"{Id} is a configuration problem ID, not a problem code."), title);
}
