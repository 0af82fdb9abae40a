using System.Diagnostics;

namespace GmPki.HttpFuzz;

/// <summary>
/// The run: starts the service, builds the seeds, then sends <c>requests</c> requests, one after
/// another, cycling over every operation of the OpenAPI document so each gets its share, each a
/// seed mutated one way chosen by a <see cref="Random"/> seeded with <c>seed</c> (the same
/// arguments send the same requests).
/// </summary>
public static class FuzzRun
{
    /// <summary>Runs; returns the tally (its <see cref="Tally.Failures"/> fail the run).</summary>
    public static async Task<Tally> RunAsync(string openApi, int requests, int seed, string findings, TextWriter log)
    {
        var document = new OpenApiOperations(openApi);
        await log.WriteLineAsync($"{document.Operations.Count} operations in {openApi}; starting the service …");
        await using var service = await FuzzService.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(service.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", service.ApiKeys["admin"]);
        var state = await SeedState.CreateAsync(service, client, log);
        client.DefaultRequestHeaders.Authorization = null;
        var seeds = new SeedRequests(state, new SchemaSample(document, state.Members), service.ApiKeys);
        var mutator = new Mutator(seeds);
        var tally = new Tally(findings);
        var random = new Random(seed);
        var host = new Uri(service.BaseUrl).Authority;
        var refusedSeeds = new HashSet<string>();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            var operation = document.Operations[i % document.Operations.Count];
            var request = mutator.Mutate(seeds.For(operation, random), random);
            var (status, answer) = await SendAsync(client, request);
            if (request.Mutation == "seed" && status >= 400 && refusedSeeds.Add(operation.Name))
            {
                await log.WriteLineAsync($"seed refused {status} {operation.Name}: {answer[..Math.Min(answer.Length, 200)]}");
            }

            tally.Count(request, status, answer, host);
            if (status == 0 && request.Mutation != "oversized-body")
            {
                await log.WriteLineAsync($"no answer {request.Operation.Name} ({request.Mutation}): {answer}");
            }

            if (Tally.IsFailure(status))
            {
                await log.WriteLineAsync($"FAILURE {status} {request.Operation.Name} ({request.Mutation}): {answer[..Math.Min(answer.Length, 300)]}");
            }

            if ((i + 1) % 500 == 0)
            {
                await log.WriteLineAsync($"  {i + 1} / {requests} after {stopwatch.Elapsed.TotalSeconds:F0} s, {tally.Failures} failures");
            }
        }

        await log.WriteLineAsync($"{requests} requests in {stopwatch.Elapsed.TotalSeconds:F0} s.");
        return tally;
    }

    private static async Task<(int Status, string Answer)> SendAsync(HttpClient client, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name == "Content-Type")
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await client.SendAsync(message);
            var answer = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, answer);
        }
        catch (HttpRequestException e)
        {
            return (0, e.InnerException?.Message ?? e.Message);
        }
    }
}
