namespace GmPki.Enrollment.Acme;

/// <summary>The RFC 8555 §7.1.6 status values the server uses.</summary>
internal static class AcmeStatus
{
    public const string Pending = "pending";
    public const string Ready = "ready";
    public const string Processing = "processing";
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Deactivated = "deactivated";
}
