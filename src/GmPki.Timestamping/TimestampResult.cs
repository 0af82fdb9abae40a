namespace GmPki.Timestamping;

/// <summary>The TSA's answer to one request (RFC 3161 §2.4.2).</summary>
/// <param name="Response">DER TimeStampResp, to send as <c>application/timestamp-reply</c>.</param>
/// <param name="Failure">Null when a token was granted; else the PKIFailureInfo sent with status rejection.</param>
/// <param name="Token">The granted token's serial, genTime and imprint; null when refused.</param>
/// <param name="Refusal">Why the request was refused (the PKIFreeText sent back); null when granted.</param>
public sealed record TimestampResult(byte[] Response, TimestampFailure? Failure, IssuedToken? Token, string? Refusal)
{
    /// <summary>True when a token was issued.</summary>
    public bool Granted => Failure is null;
}

/// <summary>What identifies an issued token, for the TSA's journal.</summary>
/// <param name="Serial">serialNumber of the TSTInfo: microseconds since 1970-01-01T00:00:00Z of the stamp, unique and strictly increasing across restarts.</param>
/// <param name="Time">genTime, UTC, microsecond precision.</param>
/// <param name="HashAlgorithm">The imprint's hash algorithm name, for example <c>SM3</c> or <c>SHA-256</c>.</param>
/// <param name="Imprint">The hashedMessage stamped (its algorithm's length: 20–64 bytes).</param>
public sealed record IssuedToken(long Serial, DateTime Time, string HashAlgorithm, byte[] Imprint);
