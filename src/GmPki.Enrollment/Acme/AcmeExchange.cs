namespace GmPki.Enrollment.Acme;

/// <summary>
/// One ACME request as the engine sees it (RFC 8555 §6): the URL the client requested (checked
/// against the JWS <c>url</c>, §6.4), its media type and body, and the headers the answer carries
/// besides its body (<c>Location</c>, <c>Link</c>, <c>Retry-After</c>, <c>Replay-Nonce</c>, §6.5, §7.1),
/// which the engine fills in and the host writes.
/// </summary>
public sealed class AcmeExchange
{
    /// <summary>A request to <paramref name="url"/> of the server whose ACME root is <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The ACME root as the client reached it, e.g. <c>https://ca.example:8443/acme</c>.</param>
    /// <param name="url">The absolute URL requested.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, or null.</param>
    /// <param name="body">The request body (read by the host up to <see cref="AcmeEngine.MaxBody"/>).</param>
    /// <param name="requestId">The request's trace identifier, recorded on applications and audit events.</param>
    public AcmeExchange(string baseUrl, string url, string? contentType, byte[] body, string requestId)
    {
        Urls = new AcmeUrls(baseUrl);
        Url = url;
        ContentType = contentType;
        Body = body;
        RequestId = requestId;
    }

    /// <summary>The absolute URL requested.</summary>
    public string Url { get; }

    /// <summary>The request's <c>Content-Type</c>, or null.</summary>
    public string? ContentType { get; }

    /// <summary>The request body.</summary>
    public byte[] Body { get; }

    /// <summary>The request's trace identifier.</summary>
    public string RequestId { get; }

    /// <summary>The answer's <c>Location</c>, or null.</summary>
    public string? Location { get; internal set; }

    /// <summary>The answer's <c>Link</c> values: the directory (<c>rel="index"</c>) and, for a challenge, its authorization (<c>rel="up"</c>).</summary>
    public IList<string> Links { get; } = [];

    /// <summary>The answer's <c>Retry-After</c> in seconds, or null.</summary>
    public int? RetryAfterSeconds { get; internal set; }

    /// <summary>The answer's <c>Replay-Nonce</c>.</summary>
    public string? ReplayNonce { get; internal set; }

    /// <summary>A refusal the host audits as <c>acme.request-rejected</c>, or null.</summary>
    public EnrollmentRefusal? Refusal { get; internal set; }

    /// <summary>The ACME resource URLs.</summary>
    internal AcmeUrls Urls { get; }

    /// <summary>The engine answering it.</summary>
    internal AcmeEngine Engine { get; set; } = null!;
}

/// <summary>An ACME answer's status and body (the headers are on the <see cref="AcmeExchange"/>).</summary>
/// <param name="Status">HTTP status (RFC 8555 §7: 200, 201, or a problem's status).</param>
/// <param name="ContentType">Media type of <paramref name="Body"/>, or null when it is empty.</param>
/// <param name="Body">The body.</param>
public sealed record AcmeResult(int Status, string? ContentType, byte[] Body);
