using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;

namespace GmPki.Issuance.Tests;

/// <summary>An in-memory key store for unit tests (the real software store is tested in GmPki.Cryptography.Tests).</summary>
internal sealed class MemoryKeyStore : IKeyStore
{
    private readonly Dictionary<string, ISigningKey> _keys = [];

    public (ISigningKey Key, string Reference) Generate(string label, KeyAlgorithm algorithm, ReadOnlyMemory<byte> sm2UserId)
    {
        var key = EphemeralKeys.Generate(algorithm, sm2UserId);
        _keys.Add(label, key);
        return (key, "memory:" + label);
    }

    public ISigningKey Open(string reference, ReadOnlyMemory<byte> sm2UserId) => _keys[reference["memory:".Length..]];

    public (byte[] Secret, string Reference) GenerateSecret(string label) => throw new NotSupportedException("not used by issuance tests");

    public byte[] OpenSecret(string reference) => throw new NotSupportedException("not used by issuance tests");
}
