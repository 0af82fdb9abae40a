using GmPki.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace GmPki.Server.Http;

/// <summary>
/// Turns exceptions that escape an endpoint into problem details: <see cref="GmPkiException"/>
/// by its kind; malformed or oversized HTTP bodies as <c>request-invalid</c> /
/// <c>request-too-large</c>; anything else as a 500 whose details stay in the log. Every rejected
/// request leaves an audit event (<c>request.rejected</c>) unless the component that refused it
/// wrote its own.
/// </summary>
internal sealed class GmPkiExceptionHandler(ILogger<GmPkiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case GmPkiException known:
                if (known.Error.Kind == ErrorKind.Internal)
                {
                    logger.RequestFailed(exception, httpContext.TraceIdentifier, known.Error.Code);
                }

                if (!known.Audited)
                {
                    await RequestAudit.RejectedAsync(httpContext, "request.rejected", known.Error.Code, known.Detail);
                }

                await HttpErrors.WriteAsync(httpContext, known.Error, known.Detail, known.ApplicationId);
                return true;
            case BadHttpRequestException bad:
                var error = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? Errors.RequestTooLarge : Errors.RequestInvalid;
                await RequestAudit.RejectedAsync(httpContext, "request.rejected", error.Code, bad.Message);
                await HttpErrors.WriteAsync(httpContext, error, bad.Message);
                return true;
            default:
                logger.RequestFailedUnexpectedly(exception, httpContext.TraceIdentifier);
                await HttpErrors.WriteAsync(httpContext, Errors.Internal, "the request failed; the server log has the details under this request ID.");
                return true;
        }
    }
}
