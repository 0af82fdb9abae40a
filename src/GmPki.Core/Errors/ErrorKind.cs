namespace GmPki.Core.Errors;

/// <summary>
/// The broad class of an error; the HTTP edge maps each kind to one status code
/// (see <c>docs/errors.md</c>).
/// </summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or violates a rule (HTTP 400).</summary>
    Invalid,

    /// <summary>The caller is not authenticated (HTTP 401).</summary>
    Unauthenticated,

    /// <summary>The caller is authenticated but not allowed to do this (HTTP 403).</summary>
    Forbidden,

    /// <summary>The named object does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The request conflicts with the current state (HTTP 409).</summary>
    Conflict,

    /// <summary>The input exceeds a size limit (HTTP 413).</summary>
    TooLarge,

    /// <summary>The body is not of a media type the endpoint accepts (HTTP 415).</summary>
    UnsupportedMediaType,

    /// <summary>The input is well-formed but cannot be processed (HTTP 422).</summary>
    Unprocessable,

    /// <summary>A required service or key is not available (HTTP 503).</summary>
    Unavailable,

    /// <summary>An internal invariant failed; details stay in the server log (HTTP 500).</summary>
    Internal,
}
