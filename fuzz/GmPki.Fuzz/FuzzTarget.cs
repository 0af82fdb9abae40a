namespace GmPki.Fuzz;

/// <summary>One parser under fuzzing: what it is given and which exceptions mean "malformed input".</summary>
/// <param name="Name">The name given on the command line (fuzz/run.sh TARGET).</param>
/// <param name="Corpus">The seed folder under fuzz/corpus/.</param>
/// <param name="Parse">Runs the parser, and reads what its callers read, on one input.</param>
/// <param name="IsRefusal">Whether an exception is the parser's documented refusal of malformed input; any other is a crash.</param>
internal sealed record FuzzTarget(string Name, string Corpus, Action<byte[]> Parse, Func<Exception, bool> IsRefusal)
{
    /// <summary>Runs the parser; an exception that is not a refusal propagates (AFL++ records a crash).</summary>
    public void Run(byte[] input)
    {
        try
        {
            Parse(input);
        }
        catch (Exception e) when (IsRefusal(e))
        {
        }
    }
}
