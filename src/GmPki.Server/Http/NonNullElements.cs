using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GmPki.Server.Http;

/// <summary>
/// A contract modifier for request bodies: a list member whose elements the contract declares
/// non-nullable (<c>IReadOnlyList&lt;EvidenceBody&gt;</c>, <c>string[]</c>) may not hold a JSON
/// <c>null</c>. <see cref="JsonSerializerOptions.RespectNullableAnnotations"/> checks members, not
/// the elements of collections, so <c>"evidence":[null]</c> reached the desks and was a 500.
/// </summary>
internal static class NonNullElements
{
    /// <summary>Adds the check to <paramref name="typeInfo"/> when it is an object with such a list member; a null element makes the reader throw <see cref="JsonException"/>.</summary>
    public static void Require(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var nullability = new NullabilityInfoContext();
        var lists = typeInfo.Properties
            .Where(p => p.Get is not null && p.AttributeProvider is PropertyInfo info && HasNonNullableElements(nullability.Create(info)))
            .ToList();
        if (lists.Count == 0)
        {
            return;
        }

        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var list in lists)
            {
                if (list.Get!(value) is IEnumerable items && items.Cast<object?>().Any(item => item is null))
                {
                    throw new JsonException($"'{list.Name}' holds a null element.");
                }
            }
        };
    }

    private static bool HasNonNullableElements(NullabilityInfo member)
    {
        if (member.Type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(member.Type))
        {
            return false;
        }

        var element = member.ElementType ?? (member.GenericTypeArguments is [var only] ? only : null);
        return element is { ReadState: NullabilityState.NotNull } && !element.Type.IsValueType;
    }
}
