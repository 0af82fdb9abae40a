using GmPki.Core.Errors;
using GmPki.Core.Registration;

namespace GmPki.Enrollment;

/// <summary>The error a protocol client gets for an application the workflow rejected (EST and CMP).</summary>
internal static class RejectedApplication
{
    /// <summary>
    /// <c>request-invalid</c> naming the application and the step that failed. The step's details
    /// are not repeated: they may hold the subscriber's name or identity number, and a protocol
    /// refusal's text is written to the permanent audit log (<c>cmp.request-rejected</c>).
    /// </summary>
    /// <param name="application">A rejected application (at least one failed step).</param>
    public static GmPkiException Error(CertificateApplication application)
    {
        var failed = application.Steps.Last(s => !s.Passed);
        return Errors.RequestInvalid.With($"application {application.Id} was rejected at {KebabNames.Of(failed.Step)}; the step's details are kept with the application.");
    }
}
