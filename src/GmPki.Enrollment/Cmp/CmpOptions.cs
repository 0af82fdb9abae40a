namespace GmPki.Enrollment.Cmp;

/// <summary>How the CMP engine answers polling clients.</summary>
/// <param name="CheckAfterSeconds">Seconds a polling client waits before its next pollReq (pollRep <c>checkAfter</c>, RFC 4210 §5.3.22); 10 by default.</param>
public sealed record CmpOptions(int CheckAfterSeconds = 10);
