namespace GmPki.Core.Errors;

/// <summary>The HTTP status of each error kind (RFC 9110 §15; docs/errors.md), for hosts and for protocols whose messages carry it (ACME problem documents, RFC 8555 §6.7).</summary>
public static class ErrorStatus
{
    /// <summary>The HTTP status of <paramref name="kind"/>: 400, 401, 403, 404, 409, 413, 415, 422, 503, else 500.</summary>
    public static int Of(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => 400,
        ErrorKind.Unauthenticated => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.TooLarge => 413,
        ErrorKind.UnsupportedMediaType => 415,
        ErrorKind.Unprocessable => 422,
        ErrorKind.Unavailable => 503,
        _ => 500,
    };
}
