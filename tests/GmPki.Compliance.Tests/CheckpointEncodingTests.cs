using GmPki.Compliance.AuditChain;

namespace GmPki.Compliance.Tests;

public class CheckpointEncodingTests
{
    [Fact]
    public void Encode_DocumentedExample_GivesTheDocumentedBytes()
    {
        var bytes = CheckpointEncoding.Encode(1, AuditEventEncodingTests.ExampleHash, AuditEventEncodingTests.Example.OccurredAt.AddSeconds(1));

        Convert.ToHexStringLower(bytes).ShouldBe(
            "00000019476d506b6920617564697420636865636b706f696e74207631" // tag
            + "0000000000000001" // through event id
            + AuditEventEncodingTests.ExampleHash // hash, raw
            + "000660d9496a1840"); // created_at, microseconds since 1970
    }

    [Fact]
    public void Encode_HashNotLowercaseHex_Throws()
    {
        Should.Throw<ArgumentException>(() => CheckpointEncoding.Encode(1, AuditEventEncodingTests.ExampleHash.ToUpperInvariant(), DateTime.UnixEpoch));
    }
}
