using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GmPki.Compliance.AuditChain;
using GmPki.Core.Ledger;

namespace GmPki.Benchmarks;

/// <summary>
/// What the SM3 audit chain adds to each audit event the ledger writer stores: the canonical
/// encoding and its hash, for a <c>certificate.issued</c> event as the issuer writes it.
/// </summary>
[MemoryDiagnoser]
public class AuditChainBenchmarks
{
    private static readonly AuditEvent Issued = new(
        new DateTime(2026, 11, 22, 8, 30, 15, DateTimeKind.Utc), "certificate.issued", "operator:alice", "registrar",
        "certificate:issuing/4b73332739d3f88406f115b9f9c8a509", "success",
        JsonSerializer.Serialize(new
        {
            profile = "personal",
            subject = "CN=张三,C=CN",
            notBefore = new DateTime(2026, 11, 22, 8, 25, 15, DateTimeKind.Utc),
            notAfter = new DateTime(2027, 11, 22, 8, 25, 15, DateTimeKind.Utc),
            sha256 = new string('a', 64),
            sm3 = new string('b', 64),
        }),
        "0HN7M4Q2R5T8K:00000001");

    private static readonly AuditChainHead Head = new(41, new string('c', 64));

    [Benchmark]
    public byte[] Encode() => AuditEventEncoding.Encode(42, Issued, Head.LastHash);

    [Benchmark]
    public AuditChainHead Append() => AuditEventEncoding.Append(Head, Issued);
}
