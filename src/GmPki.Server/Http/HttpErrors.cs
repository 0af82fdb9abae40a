using GmPki.Core.Errors;

namespace GmPki.Server.Http;

/// <summary>Maps the error taxonomy to HTTP (the only place that knows status codes; see <c>docs/errors.md</c>).</summary>
internal static class HttpErrors
{
    /// <summary>The HTTP status of an error kind.</summary>
    public static int StatusOf(ErrorKind kind) => ErrorCatalogue.StatusOf(kind);

    /// <summary>
    /// Writes an RFC 9457 problem document (<c>application/problem+json</c>) with the error's
    /// type URI, title, status and detail, plus <c>code</c> and <c>requestId</c> members, and
    /// <c>applicationId</c> when the failure stopped an application already recorded.
    /// </summary>
    public static Task WriteAsync(HttpContext context, GmPkiError error, string detail, Guid? applicationId = null)
    {
        var status = StatusOf(error.Kind);
        context.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Type = error.TypeUri,
                Title = error.Title,
                Status = status,
                Detail = detail,
                Extensions = { ["code"] = error.Code, ["requestId"] = context.TraceIdentifier },
            },
        };
        if (applicationId is { } id)
        {
            problem.ProblemDetails.Extensions["applicationId"] = id;
        }

        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(problem).AsTask();
    }
}
