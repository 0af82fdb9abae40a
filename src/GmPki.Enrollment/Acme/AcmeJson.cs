using System.Text.Json;

namespace GmPki.Enrollment.Acme;

/// <summary>Reading members of the JSON objects clients send, whatever their shape.</summary>
internal static class AcmeJson
{
    /// <summary>Parses a JSON text (RFC 8259) a client sent, and checks that every string and member name in it reads as UTF-8 text, so later reads cannot fail.</summary>
    /// <param name="utf8">The bytes as sent.</param>
    /// <param name="what">What they are, for the error ("body", "payload").</param>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:malformed</c> when it is not JSON, or a string in it is not valid UTF-8 or holds a lone surrogate escape (RFC 8259 §8.1, §8.2).</exception>
    public static JsonElement Parse(ReadOnlySpan<byte> utf8, string what)
    {
        try
        {
            var json = JsonSerializer.Deserialize<JsonElement>(utf8);
            CheckText(json);
            return json;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw AcmeErrors.Malformed.With($"the {what} is not JSON in UTF-8.");
        }
    }

    /// <summary>The string member <paramref name="name"/> of <paramref name="json"/>, or null when <paramref name="json"/> is not an object or the member is absent or not a string.</summary>
    public static string? Text(JsonElement? json, string name)
        => json is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;

    /// <summary>The member <paramref name="name"/> of <paramref name="json"/>, or null.</summary>
    public static JsonElement? Member(JsonElement? json, string name)
        => json is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) ? member : null;

    private static void CheckText(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                _ = json.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in json.EnumerateArray())
                {
                    CheckText(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var member in json.EnumerateObject())
                {
                    _ = member.Name;
                    CheckText(member.Value);
                }

                break;
        }
    }
}
