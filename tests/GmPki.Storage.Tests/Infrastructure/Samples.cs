using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;

namespace GmPki.Storage.Tests.Infrastructure;

/// <summary>Ledger values for tests, at a fixed instant with sub-millisecond digits (both providers keep microseconds).</summary>
internal static class Samples
{
    public const string RootLabel = "root-ca";
    public const string IssuerLabel = "issuing-ca";

    public static readonly DateTime Now = new DateTime(2026, 11, 22, 8, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560);

    public static AuthorityRecord Root(string label = RootLabel) =>
        new(label, AuthorityKind.Root, null, [0x30, 0x01, 0x00], $"keys/{label}", "1234567812345678", Now);

    public static AuthorityRecord Issuing(string label = IssuerLabel, string parent = RootLabel) =>
        new(label, AuthorityKind.Issuing, parent, [0x30, 0x02, 0x01, 0x02], $"keys/{label}", "1234567812345678", Now.AddMinutes(1));

    public static SerialReservation Reservation(string serialHex, string issuerLabel = IssuerLabel, DateTime? reservedAt = null) => new(
        issuerLabel,
        serialHex,
        "individual-signing",
        "CN=张三,O=某市人民政府,C=CN",
        KeyAlgorithm.EcdsaP256,
        Now,
        Now.AddYears(2),
        CrlShard: 7,
        RequestedBy: "operator:alice",
        ReservedAt: reservedAt ?? Now);

    public static AuditEvent Audit(string action, string? target = null, DateTime? occurredAt = null) => new(
        occurredAt ?? Now,
        action,
        "operator:alice",
        "registrar",
        target,
        "success",
        """{"profile":"individual-signing"}""",
        "req-0001");

    public static OperatorRecord Operator(string name, string apiKeyHash, bool disabled = false) =>
        new(name, OperatorRole.SecurityOfficer, apiKeyHash, Now, disabled);
}
