namespace GmPki.Enrollment.Cmp;

/// <summary>
/// What the CMP engine answers (RFC 4210, RFC 6712 §3.5): always a protected PKIMessage, sent
/// with HTTP 200 as <c>application/pkixcmp</c>, also for an error message; a refusal the host
/// audits (<c>cmp.request-rejected</c>) comes with it.
/// </summary>
/// <param name="Message">DER of the response PKIMessage.</param>
/// <param name="Refusal">For an error message not audited yet: the error code and the reason, naming the body type and the account when known.</param>
public sealed record CmpAnswer(byte[] Message, EnrollmentRefusal? Refusal);
