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

    /// <summary>
    /// The application this failure stopped after it had been recorded (a counter request whose
    /// later step failed), or null. The HTTP edge adds it to the problem document as the member
    /// <c>applicationId</c>.
    /// </summary>
    public Guid? ApplicationId { get; private init; }

    /// <summary>
    /// This failure naming the application it stopped: same error, the detail followed by the
    /// application's id and where it stands, <see cref="ApplicationId"/> set, audited as this one is.
    /// </summary>
    /// <param name="applicationId">The application already recorded.</param>
    /// <param name="standing">Where it stands now, for example <c>withdrawn</c> or <c>approved: retry its fulfilment</c>.</param>
    public GmPkiException ForApplication(Guid applicationId, string standing)
        => new(Error, $"{Detail} (application {applicationId:D}, {standing})", this) { ApplicationId = applicationId, Audited = Audited };

    /// <summary>Marks the failure as audited; returns this exception for rethrowing.</summary>
    public GmPkiException MarkAudited()
    {
        Audited = true;
        return this;
    }
}
