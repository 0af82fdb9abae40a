namespace GmPki.Enrollment.Est;

/// <summary>
/// What an EST operation answers (RFC 7030 §4): the HTTP status (200, 202 while a reviewer
/// decides, 204 for no CSR attributes), the media type and the body; refusals are thrown as
/// <see cref="Core.Errors.GmPkiException"/> and worded by the host.
/// </summary>
/// <param name="Status">HTTP status: 200, 202 or 204.</param>
/// <param name="ContentType">Media type of <paramref name="Body"/> (empty for 204).</param>
/// <param name="Body">The body bytes (ASCII base64 text for certificates and attributes).</param>
/// <param name="Base64">Whether the answer carries <c>Content-Transfer-Encoding: base64</c> (RFC 7030 §4.1.3, RFC 8951).</param>
/// <param name="RetryAfterSeconds">For 202: seconds until the client repeats its request (<c>Retry-After</c>, RFC 7030 §4.2.3).</param>
public sealed record EstAnswer(int Status, string ContentType, byte[] Body, bool Base64 = false, int? RetryAfterSeconds = null)
{
    /// <summary>200 with <paramref name="der"/> base64-encoded in 64-character lines (RFC 7030 §4, RFC 8951).</summary>
    public static EstAnswer Base64Of(byte[] der, string mediaType)
        => new(200, mediaType, System.Text.Encoding.ASCII.GetBytes(
            Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n"), Base64: true);
}
