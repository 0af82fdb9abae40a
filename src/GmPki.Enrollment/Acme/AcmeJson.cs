using System.Text.Json;

namespace GmPki.Enrollment.Acme;

/// <summary>Reading members of the JSON objects clients send, whatever their shape.</summary>
internal static class AcmeJson
{
    /// <summary>The string member <paramref name="name"/> of <paramref name="json"/>, or null when <paramref name="json"/> is not an object or the member is absent or not a string.</summary>
    public static string? Text(JsonElement? json, string name)
        => json is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;

    /// <summary>The member <paramref name="name"/> of <paramref name="json"/>, or null.</summary>
    public static JsonElement? Member(JsonElement? json, string name)
        => json is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) ? member : null;
}
