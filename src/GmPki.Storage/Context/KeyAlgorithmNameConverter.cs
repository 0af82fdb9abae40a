using GmPki.Core.Keys;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GmPki.Storage.Context;

/// <summary>Stores a <see cref="KeyAlgorithm"/> as its kebab-case name (<c>sm2</c>, <c>ecdsa-p256</c>, …).</summary>
internal sealed class KeyAlgorithmNameConverter()
    : ValueConverter<KeyAlgorithm, string>(value => value.ToName(), name => Parse(name))
{
    private static KeyAlgorithm Parse(string name) => KeyAlgorithms.TryParse(name, out var algorithm)
        ? algorithm.Value
        : throw new InvalidDataException($"The ledger holds an unknown key algorithm name '{name}'.");
}
