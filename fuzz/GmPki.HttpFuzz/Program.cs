using GmPki.HttpFuzz;
using GmPki.Testing;

// dotnet run --project fuzz/GmPki.HttpFuzz -- [--requests N] [--seed S] [--findings DIR] [--openapi FILE]   (docs/fuzzing.md)
var options = new Dictionary<string, string>
{
    ["--requests"] = "3000",
    ["--seed"] = "1",
    ["--findings"] = RepositoryRoot.Of("fuzz/findings/http"),
    ["--openapi"] = RepositoryRoot.Of("docs/openapi.json"),
};
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (!options.ContainsKey(args[i]))
    {
        await Console.Error.WriteLineAsync($"Unknown option {args[i]}; options: {string.Join(", ", options.Keys)}.");
        return 2;
    }

    options[args[i]] = args[i + 1];
}

// A previous run's findings go (only the files a run writes: the folder may be one the user named).
string[] written = ["*.http", "*.answer.txt", "summary.md"];
if (Directory.Exists(options["--findings"]))
{
    foreach (var file in written.SelectMany(pattern => Directory.GetFiles(options["--findings"], pattern)))
    {
        File.Delete(file);
    }
}

var tally = await FuzzRun.RunAsync(options["--openapi"], int.Parse(options["--requests"]), int.Parse(options["--seed"]), options["--findings"], Console.Out);
var report = tally.Report();
Console.WriteLine(report);
Directory.CreateDirectory(options["--findings"]);
File.WriteAllText(Path.Combine(options["--findings"], "summary.md"), report);
if (tally.Failures > 0)
{
    await Console.Error.WriteLineAsync($"{tally.Failures} requests answered 5xx; requests and answers in {options["--findings"]}.");
    return 1;
}

return 0;
