using GmPki.Core.Errors;

namespace GmPki.Server.Http;

/// <summary>Writes errors as HTTP answers, with the status <see cref="ErrorCatalogue.StatusOf"/> gives each error kind (<c>docs/errors.md</c>).</summary>
internal static class HttpErrors
{
    /// <summary>
    /// The plain-text answer of the binary protocols (EST RFC 7030 §4.2.3 and CMP over HTTP, whose
    /// clients read no problem documents): <c>{title} [{code}]: {detail}</c> and a line feed,
    /// <c>text/plain</c>, with the error kind's status.
    /// </summary>
    public static IResult PlainText(GmPkiException e)
        => Results.Text($"{e.Error.Title} [{e.Error.Code}]: {e.Detail}\n", "text/plain", statusCode: ErrorCatalogue.StatusOf(e.Error.Kind));

    /// <summary>
    /// Writes an RFC 9457 problem document (<c>application/problem+json</c>) with the error's
    /// type URI, title, status and detail, plus <c>code</c> and <c>requestId</c> members, and
    /// <c>applicationId</c> when the failure stopped an application already recorded.
    /// </summary>
    public static Task WriteAsync(HttpContext context, GmPkiError error, string detail, Guid? applicationId = null)
    {
        var status = ErrorCatalogue.StatusOf(error.Kind);
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
