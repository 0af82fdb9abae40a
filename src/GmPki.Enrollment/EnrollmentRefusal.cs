namespace GmPki.Enrollment;

/// <summary>A refused protocol request the host audits (<c>cmp.request-rejected</c>, <c>acme.request-rejected</c>) with the method, path and peer it knows.</summary>
/// <param name="Code">The GmPki error code, e.g. <c>unauthenticated</c>.</param>
/// <param name="Reason">What was refused and why, e.g. <c>body type 0 from cmp account 'a': …</c>.</param>
public sealed record EnrollmentRefusal(string Code, string Reason);
