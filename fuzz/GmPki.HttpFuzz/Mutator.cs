using System.Text;
using System.Text.Json.Nodes;
using GmPki.Server.Http;

namespace GmPki.HttpFuzz;

/// <summary>
/// Mutates a seed request one way at a time, chosen by a seeded <see cref="Random"/> so a run is
/// repeatable: byte flips, truncation, DER length inflation, invalid UTF-8, JSON type swaps, nulls,
/// missing and extra members, huge numbers, CR/LF and NUL in strings, deep nesting, path parameter
/// and query mutations, wrong content types, empty and oversized bodies, wrong credentials.
/// </summary>
public sealed class Mutator(SeedRequests seeds)
{
    /// <summary>Every mutation's name; <c>seed</c> sends the seed unchanged.</summary>
    public static readonly string[] Names =
    [
        "seed", "byte-flip", "truncate", "der-length", "invalid-utf8", "json-type-swap", "json-null", "json-missing-member", "json-extra-member",
        "json-huge-number", "json-crlf", "json-deep-nesting", "path-parameter", "query", "content-type", "empty-body", "oversized-body", "credentials",
    ];

    private static readonly string[] PathValues =
    [
        "", "..", "%2e%2e", "%00", "-1", "0", "99999999999999999999999999", "' OR 1=1--", "%E4%B8%AD%E6%96%87", "%FF%FE", "a%2Fb", "%0D%0Aset-cookie:x",
        "00000000-0000-0000-0000-000000000000", new string('7', 5000), "%25", "null", "true", "1e309", "%F0%9F%98%80",
    ];

    private static readonly string[] QueryValues = ["", "-1", "0", "2147483648", "99999999999999999999", "abc", "%FF", "%00", "1.5", "2026-13-45", "null", new string('z', 3000)];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/json", "application/octet-stream", "application/json; charset=latin1", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "application/ocsp-request", "application/pkixcmp", "application/jose+json", "*/*", ";;;",
    ];

    private const string Placeholder = "\u0001fuzz-placeholder\u0001";

    /// <summary>A mutation of <paramref name="seed"/>, chosen among those that apply to it (JSON ones to a JSON body, byte ones to a body, path ones to a path with parameters).</summary>
    public FuzzRequest Mutate(FuzzRequest seed, Random random)
    {
        var body = seed.Body;
        var json = seed.Operation.MediaType is "application/json" or "application/jose+json" && body is { Length: > 0 } && TryParse(body) is not null;
        var applicable = Names.Where(name => name switch
        {
            "byte-flip" or "truncate" or "der-length" or "invalid-utf8" => body is { Length: > 1 },
            "path-parameter" => seed.Operation.Parameters.Any(p => p.In == "path"),
            _ => !name.StartsWith("json-", StringComparison.Ordinal) || json,
        }).ToList();
        var name = applicable[random.Next(applicable.Count)];
        return name switch
        {
            "seed" => seed,
            "byte-flip" when body is { Length: > 0 } => seed with { Mutation = name, Body = Binary(body, seed, random, FlipBytes) },
            "truncate" when body is { Length: > 0 } => seed with { Mutation = name, Body = Binary(body, seed, random, (b, r) => b[..r.Next(b.Length)]) },
            "der-length" when body is { Length: > 1 } => seed with { Mutation = name, Body = Binary(body, seed, random, InflateLength) },
            "invalid-utf8" when body is { Length: > 0 } => seed with { Mutation = name, Body = json ? InvalidUtf8(body, random) : InsertInvalidUtf8(body, random) },
            "json-type-swap" when json => seed with { Mutation = name, Body = Json(body!, random, (node, r) => ReplaceRandom(node, r, SwapType)) },
            "json-null" when json => seed with { Mutation = name, Body = Json(body!, random, (node, r) => ReplaceRandom(node, r, (_, _) => null)) },
            "json-missing-member" when json => seed with { Mutation = name, Body = Json(body!, random, RemoveMember) },
            "json-extra-member" when json => seed with { Mutation = name, Body = Json(body!, random, AddMember) },
            "json-huge-number" when json => seed with { Mutation = name, Body = HugeNumber(body!, random) },
            "json-crlf" when json => seed with { Mutation = name, Body = Json(body!, random, (node, r) => ReplaceRandom(node, r, (_, rr) => CrLfValues[rr.Next(CrLfValues.Length)])) },
            "json-deep-nesting" when json => seed with { Mutation = name, Body = DeepNesting(body!, random) },
            "path-parameter" when seed.Operation.Parameters.Any(p => p.In == "path") => seed with { Mutation = name, PathAndQuery = MutatePath(seed, random) },
            "content-type" => seed with { Mutation = name, Headers = [.. seed.Headers.Where(h => h.Key != "Content-Type"), new("Content-Type", ContentTypes[random.Next(ContentTypes.Length)])], Body = body ?? [] },
            "empty-body" => seed with { Mutation = name, Body = [] },
            // Kestrel refuses a body over its limit and may close the connection before reading it (no answer, a broken pipe); the
            // request asks for its own connection so the next request does not meet that closed one.
            "oversized-body" => seed with { Mutation = name, Body = Oversized(body, random), Headers = [.. seed.Headers, new("Connection", "close")] },
            "credentials" => seed with { Mutation = name, Headers = WrongCredentials(seed, random) },
            _ => seed with { Mutation = "query", PathAndQuery = MutateQuery(seed, random) },
        };
    }

    private static readonly string[] CrLfValues = ["a\r\nb", "\r\n", "x\u0000y", "name.pdf\r\nContent-Type: text/html", "\u2028\u2029", "\t\v\f"];

    private static JsonNode? TryParse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Applies a byte mutation; EST's base64 body is decoded first half of the time, so the DER inside is mutated.</summary>
    private static byte[] Binary(byte[] body, FuzzRequest seed, Random random, Func<byte[], Random, byte[]> mutation)
    {
        if (seed.Operation.MediaType == "application/pkcs10" && random.Next(2) == 0)
        {
            try
            {
                var der = Convert.FromBase64String(Encoding.ASCII.GetString(body));
                return Encoding.ASCII.GetBytes(Convert.ToBase64String(mutation(der, random)));
            }
            catch (FormatException)
            {
                return mutation(body, random);
            }
        }

        return mutation(body, random);
    }

    private static byte[] FlipBytes(byte[] body, Random random)
    {
        var copy = (byte[])body.Clone();
        for (var i = 1 + random.Next(4); i > 0; i--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    /// <summary>Replaces a byte (likely a DER length) with a long-form length claiming far more than is there, or indefinite, or a bad form.</summary>
    private static byte[] InflateLength(byte[] body, Random random)
    {
        var at = 1 + random.Next(body.Length - 1);
        byte[][] lengths = [[0x84, 0x7F, 0xFF, 0xFF, 0xFF], [0x80], [0xFF], [0x81, 0xFF], [0x88, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0x82, 0x00, 0x01]];
        return [.. body[..at], .. lengths[random.Next(lengths.Length)], .. body[(at + 1)..]];
    }

    private static byte[] InsertInvalidUtf8(byte[] body, Random random)
    {
        var at = random.Next(body.Length + 1);
        return [.. body[..at], .. BadUtf8[random.Next(BadUtf8.Length)], .. body[at..]];
    }

    private static readonly byte[][] BadUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xC0, 0xAF]];

    private static byte[] Json(byte[] body, Random random, Func<JsonNode?, Random, JsonNode?> mutation)
    {
        var mutated = mutation(TryParse(body), random)?.ToJsonString() ?? "null";
        return Encoding.UTF8.GetBytes(mutated);
    }

    /// <summary>Sets a random value (or the body) to a placeholder string, then swaps the placeholder's JSON text for <paramref name="raw"/> bytes.</summary>
    private static byte[] RawValue(byte[] body, Random random, byte[] raw, bool insideQuotes)
    {
        var text = Json(body, random, (node, r) => ReplaceRandom(node, r, (_, _) => Placeholder));
        var serialized = System.Text.Json.JsonSerializer.Serialize(Placeholder);
        var marker = Encoding.UTF8.GetBytes(insideQuotes ? serialized[1..^1] : serialized);
        var at = text.AsSpan().IndexOf(marker);
        return at < 0 ? InsertInvalidUtf8(text, random) : [.. text[..at], .. raw, .. text[(at + marker.Length)..]];
    }

    private static byte[] InvalidUtf8(byte[] body, Random random) => RawValue(body, random, BadUtf8[random.Next(BadUtf8.Length)], insideQuotes: true);

    private static readonly string[] HugeNumbers = ["1e400", "-1e400", "99999999999999999999999999999999", "-9223372036854775809", "0.0000000000000000000000000001", "2147483648", "-0"];

    private static byte[] HugeNumber(byte[] body, Random random) => RawValue(body, random, Encoding.ASCII.GetBytes(HugeNumbers[random.Next(HugeNumbers.Length)]), insideQuotes: false);

    private static byte[] DeepNesting(byte[] body, Random random)
    {
        var depth = 100 + random.Next(400);
        return RawValue(body, random, Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth)), insideQuotes: false);
    }

    private static JsonNode? SwapType(JsonNode? value, Random random) => value switch
    {
        JsonObject => new JsonArray(1, "x"),
        JsonArray => new JsonObject { ["0"] = "x" },
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => random.Next(2) == 0 ? 12345 : true,
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.Number => "12",
        null => new JsonArray(),
        _ => new JsonObject(),
    };

    /// <summary>Every (parent, member or index) location of <paramref name="root"/>.</summary>
    private static List<(JsonNode Parent, string? Member, int Index)> Locations(JsonNode? root)
    {
        var locations = new List<(JsonNode, string?, int)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj)
                    {
                        locations.Add((obj, name, -1));
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        locations.Add((array, null, i));
                        Walk(array[i]);
                    }

                    break;
            }
        }

        Walk(root);
        return locations;
    }

    /// <summary>Replaces the value at a random location (or the whole document, when it has none) with <paramref name="replacement"/>'s value.</summary>
    private static JsonNode? ReplaceRandom(JsonNode? root, Random random, Func<JsonNode?, Random, JsonNode?> replacement)
    {
        var locations = Locations(root);
        if (locations.Count == 0)
        {
            return replacement(root, random);
        }

        var (parent, member, index) = locations[random.Next(locations.Count)];
        if (member is not null)
        {
            parent[member] = replacement(parent[member]?.DeepClone(), random);
        }
        else
        {
            parent[index] = replacement(parent[index]?.DeepClone(), random);
        }

        return root;
    }

    private static JsonNode? RemoveMember(JsonNode? root, Random random)
    {
        var members = Locations(root).Where(l => l.Member is not null).ToList();
        if (members.Count > 0)
        {
            var (parent, member, _) = members[random.Next(members.Count)];
            ((JsonObject)parent).Remove(member!);
        }

        return root;
    }

    private static JsonNode? AddMember(JsonNode? root, Random random)
    {
        var objects = Locations(root).Select(l => l.Parent).OfType<JsonObject>().Distinct().ToList();
        if (root is JsonObject top)
        {
            objects.Add(top);
        }

        if (objects.Count > 0)
        {
            JsonNode?[] values = ["extra", 1, null, new JsonObject(), new JsonArray()];
            objects[random.Next(objects.Count)]["fuzzExtra" + random.Next(3)] = values[random.Next(values.Length)]?.DeepClone();
        }

        return root;
    }

    private static string MutatePath(FuzzRequest seed, Random random)
    {
        var parameters = seed.Operation.Parameters.Where(p => p.In == "path").ToList();
        var chosen = parameters[random.Next(parameters.Count)];
        var path = seed.Operation.Path;
        foreach (var parameter in parameters)
        {
            var value = parameter == chosen ? PathValues[random.Next(PathValues.Length)] : CurrentValue(seed, parameter);
            path = path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
        }

        var query = seed.PathAndQuery.IndexOf('?') is var q and >= 0 ? seed.PathAndQuery[q..] : "";
        return path + query;
    }

    /// <summary>The seed's value of a path parameter, read back by matching the template's literal segments.</summary>
    private static string CurrentValue(FuzzRequest seed, Parameter parameter)
    {
        var template = seed.Operation.Path.Split('/');
        var actual = seed.PathAndQuery.Split('?')[0].Split('/');
        var at = Array.FindIndex(template, segment => segment.Contains("{" + parameter.Name + "}", StringComparison.Ordinal));
        return at >= 0 && at < actual.Length ? actual[at] : "x";
    }

    private static string MutateQuery(FuzzRequest seed, Random random)
    {
        var path = seed.PathAndQuery.Split('?')[0];
        var names = seed.Operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).Append("fuzz").ToList();
        var pairs = names.Where(_ => random.Next(2) == 0).DefaultIfEmpty(names[0])
            .Select(name => name + "=" + QueryValues[random.Next(QueryValues.Length)]);
        if (random.Next(5) == 0)
        {
            pairs = pairs.Concat(pairs);
        }

        return path + "?" + string.Join('&', pairs);
    }

    /// <summary>A body one byte over the service's limit (<see cref="ServerHost.MaxRequestBody"/>): the seed repeated, or zeros.</summary>
    private static byte[] Oversized(byte[]? body, Random random)
    {
        var size = (int)ServerHost.MaxRequestBody + 1;
        var result = new byte[size];
        if (body is { Length: > 0 } && random.Next(2) == 0)
        {
            for (var i = 0; i < size; i += body.Length)
            {
                body.AsSpan(0, Math.Min(body.Length, size - i)).CopyTo(result.AsSpan(i));
            }
        }

        return result;
    }

    private List<KeyValuePair<string, string>> WrongCredentials(FuzzRequest seed, Random random)
    {
        var others = seed.Headers.Where(h => h.Key is not ("Authorization" or "X-API-Key")).ToList();
        switch (random.Next(6))
        {
            case 0:
                return others;
            case 1:
                return [.. others, new("Authorization", "Bearer gmpki_" + new string('A', 43))];
            case 2:
                return [.. others, new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("fuzz-est:wrong")))];
            case 3:
                return [.. others, new("Authorization", "Basic !!!not-base64")];
            case 4:
                return [.. others, new("X-API-Key", new string('k', 4000))];
            default:
                return [.. others, .. seeds.Credentials(seed.Operation with { Security = new HashSet<string> { "apiKey" } }, random)];
        }
    }
}
