using GmPki.Core.Errors;
using GmPki.Server.OpenApi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>POST /tsa</c>: the RFC 3161 timestamp authority over HTTP (RFC 3161 §3.4), anonymous. The
/// body is a DER TimeStampReq sent as <c>application/timestamp-query</c>; the answer is always a
/// DER TimeStampResp, <c>200 application/timestamp-reply</c>, whether it grants a token or rejects
/// the request with a PKIFailureInfo (a malformed body is rejection/badDataFormat). Another media
/// type is a 415 problem, a body over <see cref="MaxBody"/> a 413 problem, a missing TSA key a 503
/// problem (<c>key-not-found</c>); each of these is audited.
/// </summary>
internal static class TimestampEndpoints
{
    /// <summary>The media type of a TimeStampReq (RFC 3161 §3.4).</summary>
    public const string QueryMediaType = "application/timestamp-query";

    /// <summary>The media type of a TimeStampResp (RFC 3161 §3.4).</summary>
    public const string ReplyMediaType = "application/timestamp-reply";

    /// <summary>Largest request body: 16 KiB (a TimeStampReq with a SHA-512 imprint, nonce and policy is under 200 bytes).</summary>
    public const long MaxBody = 16 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/tsa", StampAsync).WithTags("Relying parties")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBody))
            .BinaryBody(QueryMediaType)
            .Produces<byte[]>(StatusCodes.Status200OK, ReplyMediaType)
            .Problems(415, 503)
            .Operation("createTimestamp", "RFC 3161 timestamp: DER TimeStampReq in, DER TimeStampResp out",
                "时间戳服务：消息摘要为 SM3、SHA-256、SHA-384、SHA-512 或 SHA-1；回显 nonce；certReq 为真时附 TSA 证书。拒绝为 status=rejection 的 TimeStampResp。"
                + " Refusals are TimeStampResp with status rejection and a PKIFailureInfo (badAlg, badDataFormat, badRequest, unacceptedPolicy, unacceptedExtension, timeNotAvailable).");
    }

    private static async Task<IResult> StampAsync(HttpContext http, TimestampService tsa, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals(QueryMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.UnsupportedMediaType.With($"Content-Type must be {QueryMediaType}, not '{http.Request.ContentType}'.");
        }

        if (http.Request.ContentLength > MaxBody)
        {
            throw Errors.RequestTooLarge.With($"a timestamp request is at most {MaxBody} bytes.");
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, cancellationToken);
        var result = await tsa.RespondAsync(body.GetBuffer().AsMemory(0, (int)body.Length), RequestAudit.ActorOf(http), http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return Results.Bytes(result.Response, ReplyMediaType);
    }
}
