namespace GmPki.Enrollment.Est;

/// <summary>What an EST request presents to authenticate (RFC 7030 §3.2.3, §3.3.2), as plain values the host read.</summary>
/// <param name="Authorization">The <c>Authorization</c> header, or null.</param>
/// <param name="ClientCertificate">DER of the TLS client certificate (or one a trusted TLCP proxy forwarded), or null.</param>
/// <param name="RequestId">The request's trace identifier, recorded on applications and audit events.</param>
public sealed record EstCredentials(string? Authorization, byte[]? ClientCertificate, string RequestId);
