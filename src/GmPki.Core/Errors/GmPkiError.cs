namespace GmPki.Core.Errors;

/// <summary>
/// One entry of the error taxonomy: a stable machine code (kebab-case, part of the public
/// interface and of RFC 9457 problem types <c>urn:gmpki:error:{Code}</c>), its kind and a
/// human title. The catalog is <see cref="Errors"/>.
/// </summary>
/// <param name="Code">Stable code, for example <c>csr-bad-signature</c>.</param>
/// <param name="Kind">Class of the error; decides the HTTP status.</param>
/// <param name="Title">Short English title that does not vary between occurrences.</param>
public sealed record GmPkiError(string Code, ErrorKind Kind, string Title)
{
    /// <summary>The RFC 9457 problem type URI of this error: <c>urn:gmpki:error:{Code}</c>.</summary>
    public string TypeUri => "urn:gmpki:error:" + Code;

    /// <summary>Creates an exception carrying this error and an occurrence-specific detail.</summary>
    /// <param name="detail">What exactly was wrong; safe to show to the caller (no secrets, no internals).</param>
    public GmPkiException With(string detail) => new(this, detail);

    /// <summary>Creates an exception carrying this error, a detail, and the underlying cause (kept for the server log).</summary>
    /// <param name="detail">What exactly was wrong; safe to show to the caller.</param>
    /// <param name="inner">The underlying exception; never shown to callers.</param>
    public GmPkiException With(string detail, Exception inner) => new(this, detail, inner);
}
