using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Registration.Documents;

/// <summary>
/// Publishes versioned notices, agreements and CPS texts (M24 §16: every version kept and
/// accessible). A notice must carry every <see cref="NoticeItems"/> section; an agreement must name
/// the CPS version in force (R22 item 3.3: no clause may contradict the published CPS).
/// </summary>
public sealed class DocumentDesk(IRegistrationLedger ledger, TimeProvider clock)
{
    /// <summary>Publishes the next version of a document.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for missing sections or a wrong CPS version; <c>document-conflict</c> when a concurrent publication took the version.</exception>
    public async Task<PublishedDocument> PublishAsync(
        DocumentKind kind, string title, IReadOnlyDictionary<string, string> sections, int? cpsVersion, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(title) || sections is null || sections.Count == 0 || sections.Any(s => string.IsNullOrWhiteSpace(s.Key) || string.IsNullOrWhiteSpace(s.Value)))
        {
            throw Errors.RequestInvalid.With("a document needs a title and non-empty sections.");
        }

        if (kind == DocumentKind.Notice && NoticeItems.Required.Keys.FirstOrDefault(k => !sections.ContainsKey(k)) is { } missing)
        {
            throw Errors.RequestInvalid.With($"the notice lacks section '{missing}': {NoticeItems.Required[missing]}.");
        }

        if (kind == DocumentKind.Agreement)
        {
            var cps = await ledger.FindDocumentAsync(DocumentKind.Cps, null, cancellationToken);
            if (cps is null || cpsVersion != cps.Version)
            {
                throw Errors.RequestInvalid.With($"an agreement must follow the CPS in force (version {cps?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}), not version {cpsVersion}.");
            }
        }
        else if (cpsVersion is not null)
        {
            throw Errors.RequestInvalid.With("only an agreement names a CPS version.");
        }

        var latest = await ledger.FindDocumentAsync(kind, null, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var document = new PublishedDocument(kind, (latest?.Version ?? 0) + 1, title, new Dictionary<string, string>(sections), cpsVersion,
            Convert.ToHexStringLower(DocumentDigest.Sm3Digest(title, sections)), now, actor.Name);
        var audit = new AuditEvent(now, "document.published", actor.Name, actor.Role, $"document:{KebabNames.Of(kind)}/{document.Version}", "success",
            JsonSerializer.Serialize(new { title, sm3 = document.Sm3, cpsVersion }), actor.RequestId);
        await ledger.PublishDocumentAsync(document, audit, cancellationToken);
        return document;
    }

    /// <summary>The version in force (the latest), or a given version.</summary>
    /// <exception cref="GmPkiException"><c>document-conflict</c> when none is published.</exception>
    public async Task<PublishedDocument> GetAsync(DocumentKind kind, int? version, CancellationToken cancellationToken)
        => await ledger.FindDocumentAsync(kind, version, cancellationToken)
            ?? throw Errors.DocumentConflict.With($"no {KebabNames.Of(kind)} {(version is null ? "is published" : "version " + version)}.");
}
