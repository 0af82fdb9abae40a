using System.Text;

namespace GmPki.HttpFuzz;

/// <summary>
/// Answers counted by status code per operation (status 0: no answer, the connection failed);
/// every 5xx other than 503 is a failure whose request and answer are saved in the findings folder.
/// </summary>
public sealed class Tally(string findings)
{
    private readonly SortedDictionary<string, SortedDictionary<int, int>> _byOperation = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byMutation = new(StringComparer.Ordinal);

    /// <summary>Requests counted.</summary>
    public int Requests { get; private set; }

    /// <summary>Failures saved (a 5xx other than 503).</summary>
    public int Failures { get; private set; }

    /// <summary>Whether <paramref name="status"/> fails the run: a 5xx, except 503 (overload or a service that is genuinely unavailable, such as a sealed KMC).</summary>
    public static bool IsFailure(int status) => status >= 500 && status != 503;

    /// <summary>Counts one answer; saves the request and answer when it is a failure (or a 503, for review, the first of each operation).</summary>
    public void Count(FuzzRequest request, int status, string answer, string host)
    {
        Requests++;
        _byMutation[request.Mutation] = _byMutation.GetValueOrDefault(request.Mutation) + 1;
        if (!_byOperation.TryGetValue(request.Operation.Name, out var statuses))
        {
            _byOperation[request.Operation.Name] = statuses = [];
        }

        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        var failure = IsFailure(status);
        if (failure || (status == 503 && statuses[status] == 1))
        {
            Failures += failure ? 1 : 0;
            Directory.CreateDirectory(findings);
            var stem = Path.Combine(findings, $"{Requests:D6}-{status}-{request.Operation.Id}-{request.Mutation}");
            File.WriteAllBytes(stem + ".http", request.ToHttp(host));
            File.WriteAllText(stem + ".answer.txt", answer);
        }
    }

    /// <summary>Markdown: totals by status, then one row per operation with its counts by status, then requests by mutation.</summary>
    public string Report()
    {
        var statuses = _byOperation.Values.SelectMany(s => s.Keys).Distinct().Order().ToList();
        var text = new StringBuilder();
        text.AppendLine($"{Requests} requests over {_byOperation.Count} operations; {Failures} failures (5xx other than 503).").AppendLine();
        text.AppendLine("| status | requests |").AppendLine("| --- | ---: |");
        foreach (var status in statuses)
        {
            text.AppendLine($"| {Label(status)} | {_byOperation.Values.Sum(s => s.GetValueOrDefault(status))} |");
        }

        text.AppendLine().Append("| operation |").AppendJoin("", statuses.Select(s => $" {Label(s)} |")).AppendLine();
        text.Append("| --- |").AppendJoin("", statuses.Select(_ => " ---: |")).AppendLine();
        foreach (var (operation, counts) in _byOperation)
        {
            text.Append($"| `{operation}` |").AppendJoin("", statuses.Select(s => $" {counts.GetValueOrDefault(s)} |")).AppendLine();
        }

        text.AppendLine().AppendLine("| mutation | requests |").AppendLine("| --- | ---: |");
        foreach (var (mutation, count) in _byMutation)
        {
            text.AppendLine($"| {mutation} | {count} |");
        }

        return text.ToString();
    }

    private static string Label(int status) => status == 0 ? "no answer" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
