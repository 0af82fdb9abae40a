using SharpFuzz;

namespace GmPki.Fuzz;

/// <summary>
/// <c>GmPki.Fuzz TARGET</c> runs one target under afl-fuzz (SharpFuzz's out-of-process loop);
/// <c>GmPki.Fuzz TARGET --replay FILE...</c> runs it once on each file and prints, for an
/// input that crashes it, the input in base64 and the exception (exit code 1).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
        {
            Console.Error.WriteLine("usage: GmPki.Fuzz TARGET [--replay FILE...]; targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
            return 2;
        }

        if (args.Length > 1 && args[1] == "--replay")
        {
            // Outside afl-fuzz, Run sets up a trace map of its own and calls the action once.
            var exitCode = 0;
            Fuzzer.OutOfProcess.Run(_ => exitCode = Replay(target, args[2..]));
            return exitCode;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        });
        return 0;
    }

    private static int Replay(FuzzTarget target, string[] files)
    {
        var crashes = 0;
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                crashes++;
                Console.WriteLine($"CRASH {target.Name} {Path.GetFileName(file)}");
                Console.WriteLine("input (base64): " + Convert.ToBase64String(input));
                Console.WriteLine(e);
            }
        }

        Console.WriteLine($"{target.Name}: {files.Length} inputs replayed, {crashes} crashed");
        return crashes == 0 ? 0 : 1;
    }
}
