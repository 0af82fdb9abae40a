namespace GmPki.HttpFuzz;

/// <summary>
/// One request the fuzzer sends: the operation it targets, the mutation applied to its seed, the
/// method, the path and query (already escaped), the headers (credentials, <c>Content-Type</c>) and
/// the body (null for none).
/// </summary>
public sealed record FuzzRequest(Operation Operation, string Mutation, string Method, string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body)
{
    /// <summary>The request as HTTP/1.1 text (the body as raw bytes after the blank line): what a finding file holds.</summary>
    public byte[] ToHttp(string host)
    {
        var head = new System.Text.StringBuilder($"{Method} {PathAndQuery} HTTP/1.1\r\nHost: {host}\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (Body is not null)
        {
            head.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. System.Text.Encoding.UTF8.GetBytes(head.ToString()), .. Body ?? []];
    }
}
