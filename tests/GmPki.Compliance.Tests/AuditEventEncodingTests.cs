using GmPki.Compliance.AuditChain;
using GmPki.Core.Ledger;

namespace GmPki.Compliance.Tests;

public class AuditEventEncodingTests
{
    /// <summary>The example of docs/audit.md; bytes and SM3 computed independently (Python, <c>openssl dgst -sm3</c>).</summary>
    internal static readonly AuditEvent Example = new(
        new DateTime(2026, 11, 22, 8, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560),
        "operator.created", "cli:张三", "ca-administrator", "operator:admin", "success", """{"role":"registrar"}""", RequestId: string.Empty, Agency: null);

    internal const string ExampleHash = "558271d3a4c82eed20c23b46e8e1ac14d250e749bd802e88371498e9eadb269f";

    [Fact]
    public void Encode_DocumentedExample_GivesTheDocumentedBytes()
    {
        var bytes = AuditEventEncoding.Encode(1, Example, AuditChainHead.GenesisHash);

        Convert.ToHexStringLower(bytes).ShouldBe(
            "00000014476d506b69206175646974206576656e74207631" // tag
            + "0000000000000001" // id
            + "000660d9495ad600" // occurred_at, microseconds since 1970
            + "00000010" + "6f70657261746f722e63726561746564" // action
            + "0000000a" + "636c693ae5bca0e4b889" // actor, UTF-8
            + "00000010" + "63612d61646d696e6973747261746f72" // role
            + "ffffffff" // agency: null
            + "0000000e" + "6f70657261746f723a61646d696e" // target
            + "00000007" + "73756363657373" // outcome
            + "00000014" + "7b22726f6c65223a22726567697374726172227d" // details
            + "00000000" // request_id: empty
            + new string('0', 64)); // previous hash
    }

    [Fact]
    public void Hash_DocumentedExample_IsTheSm3OfTheBytes()
    {
        AuditEventEncoding.Hash(1, Example, AuditChainHead.GenesisHash).ShouldBe(ExampleHash);
    }

    [Fact]
    public void Append_EmptyChain_FirstIdAndHashOverZeros()
    {
        AuditEventEncoding.Append(AuditChainHead.Empty, Example).ShouldBe(new AuditChainHead(1, ExampleHash));
    }

    public static TheoryData<string, AuditEvent> Changes => new()
    {
        { "time, one microsecond", Example with { OccurredAt = Example.OccurredAt.AddTicks(10) } },
        { "action", Example with { Action = "operator.removed" } },
        { "actor", Example with { Actor = "cli:李四" } },
        { "role null", Example with { Role = null } },
        { "agency empty instead of null", Example with { Agency = string.Empty } },
        { "target", Example with { Target = "operator:admim" } },
        { "outcome", Example with { Outcome = "failed" } },
        { "details", Example with { Details = """{"role":"reviewer"}""" } },
        { "request id null instead of empty", Example with { RequestId = null } },
        { "text moved between fields", Example with { Action = "operator.createdc", Actor = "li:张三" } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Hash_AnyFieldChanged_Differs(string change, AuditEvent changed)
    {
        AuditEventEncoding.Hash(1, changed, AuditChainHead.GenesisHash).ShouldNotBe(ExampleHash, change);
    }

    [Fact]
    public void Hash_OtherIdOrPreviousHash_Differs()
    {
        AuditEventEncoding.Hash(2, Example, AuditChainHead.GenesisHash).ShouldNotBe(ExampleHash);
        AuditEventEncoding.Hash(1, Example, new string('0', 63) + "1").ShouldNotBe(ExampleHash);
    }

    [Fact]
    public void Hash_SubMicrosecondTicksOrKind_Ignored()
    {
        var unspecified = DateTime.SpecifyKind(Example.OccurredAt.AddTicks(9), DateTimeKind.Unspecified);

        AuditEventEncoding.Hash(1, Example with { OccurredAt = unspecified }, AuditChainHead.GenesisHash).ShouldBe(ExampleHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("558271D3A4C82EED20C23B46E8E1AC14D250E749BD802E88371498E9EADB269F")]
    [InlineData("558271d3a4c82eed20c23b46e8e1ac14d250e749bd802e88371498e9eadb269")]
    [InlineData("g58271d3a4c82eed20c23b46e8e1ac14d250e749bd802e88371498e9eadb269f")]
    public void Encode_PreviousHashNotLowercaseHex_Throws(string previousHash)
    {
        Should.Throw<ArgumentException>(() => AuditEventEncoding.Encode(1, Example, previousHash));
    }
}
