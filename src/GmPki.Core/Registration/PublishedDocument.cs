namespace GmPki.Core.Registration;

/// <summary>Kinds of versioned documents the RA shows and binds applicants to.</summary>
public enum DocumentKind
{
    /// <summary>Notices (告知事项) given before an application, M24 §21, D §23.</summary>
    Notice,

    /// <summary>The electronic certification service agreement (电子认证服务协议), M24 §21, D §24.</summary>
    Agreement,

    /// <summary>The certification practice statement (电子认证业务规则, CPS), M24 §16.</summary>
    Cps,
}

/// <summary>
/// A published version of a document. Published versions are never changed or deleted; a new
/// version supersedes the previous one for new applications.
/// </summary>
/// <param name="Kind">Kind of document.</param>
/// <param name="Version">Version number, 1, 2, … per kind.</param>
/// <param name="Title">Title.</param>
/// <param name="Sections">Named sections with their text. Notices must have every section of <c>NoticeItems</c>.</param>
/// <param name="CpsVersion">For agreements: the CPS version whose terms they follow (R22 item 3.3); otherwise null.</param>
/// <param name="Sm3">Lowercase hex SM3 of the canonical text (the digest applicants sign).</param>
/// <param name="PublishedAt">UTC instant of publication.</param>
/// <param name="PublishedBy">Audit name of the publisher.</param>
public sealed record PublishedDocument(
    DocumentKind Kind,
    int Version,
    string Title,
    IReadOnlyDictionary<string, string> Sections,
    int? CpsVersion,
    string Sm3,
    DateTime PublishedAt,
    string PublishedBy);
