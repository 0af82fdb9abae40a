namespace GmPki.Status.Ocsp;

/// <summary>The OCSPResponseStatus of an answer (RFC 6960 §4.2.1).</summary>
public enum OcspResult
{
    /// <summary>successful (0): a signed BasicOCSPResponse.</summary>
    Successful = 0,

    /// <summary>malformedRequest (1).</summary>
    MalformedRequest = 1,

    /// <summary>internalError (2).</summary>
    InternalError = 2,

    /// <summary>tryLater (3): every live signing slot stayed busy.</summary>
    TryLater = 3,

    /// <summary>unauthorized (6): a CertID names a CA this responder does not serve.</summary>
    Unauthorized = 6,
}

/// <summary>What the responder answers to one request.</summary>
/// <param name="Der">The DER OCSPResponse to send (content type <c>application/ocsp-response</c>).</param>
/// <param name="Result">Its response status.</param>
/// <param name="ThisUpdate">UTC thisUpdate of a successful response, else null (for HTTP caching, RFC 5019 §6.2).</param>
/// <param name="NextUpdate">UTC nextUpdate of a successful response, else null.</param>
/// <param name="PreSigned">Whether the response came from the pre-signed cache.</param>
/// <param name="Detail">Why a request was refused, for the audit record; null when successful.</param>
public sealed record OcspAnswer(byte[] Der, OcspResult Result, DateTime? ThisUpdate, DateTime? NextUpdate, bool PreSigned, string? Detail)
{
    /// <summary>An unsuccessful answer: the bare OCSPResponse of <paramref name="result"/> and why, for the audit record.</summary>
    public static OcspAnswer Refused(OcspResult result, string detail) => new(OcspResponseWriter.Error((int)result), result, null, null, false, detail);
}
