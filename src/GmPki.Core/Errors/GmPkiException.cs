namespace GmPki.Core.Errors;

/// <summary>
/// The one exception type through which GmPki components report expected failures. The HTTP
/// edge turns it into RFC 9457 problem details; the CLI prints <see cref="Exception.Message"/>
/// and exits non-zero.
/// </summary>
public sealed class GmPkiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The catalog entry.</param>
    /// <param name="detail">Occurrence-specific detail, safe to show to the caller.</param>
    /// <param name="inner">The underlying cause, for the server log only.</param>
    public GmPkiException(GmPkiError error, string detail, Exception? inner = null)
        : base($"{error.Title}: {detail}", inner)
    {
        Error = error;
        Detail = detail;
    }

    /// <summary>The catalog entry.</summary>
    public GmPkiError Error { get; }

    /// <summary>Occurrence-specific detail, safe to show to the caller.</summary>
    public string Detail { get; }

    /// <summary>Whether the component that threw has already written the audit event of this failure,
    /// so the edge does not record it twice.</summary>
    public bool Audited { get; private set; }

    /// <summary>Marks the failure as audited; returns this exception for rethrowing.</summary>
    public GmPkiException MarkAudited()
    {
        Audited = true;
        return this;
    }
}
