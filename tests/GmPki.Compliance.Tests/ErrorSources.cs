using System.Reflection;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;

namespace GmPki.Compliance.Tests;

/// <summary>
/// What the C# sources under <c>src/</c> say about errors, found the ways codes and IDs are
/// produced there: configuration problems as <c>"GMPKI-AREA-nnn: …"</c> strings, or through a
/// local <c>Problem(n, …)</c> that formats <c>GMPKI-AREA-{number:000}</c>; problem codes as
/// <c>GmPkiError</c> fields (<c>new("code", ErrorKind.X, …)</c>, or <c>ErrorCatalogue.F.Titled(…)</c>
/// in <c>Errors</c>), and as literals compared with or chosen instead of an error's <c>.Code</c>.
/// </summary>
internal sealed partial class ErrorSources
{
    private const string CatalogueFile = "ErrorCatalogue.cs";

    private ErrorSources(string root)
    {
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != CatalogueFile)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText);
        Texts = files;
        foreach (var (path, text) in files)
        {
            Scan(path, text);
        }
    }

    /// <summary>The scanned files by path relative to the repository root.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    /// <summary>Every <c>GMPKI-*-nnn</c> ID named anywhere (code or comment), with a file naming it.</summary>
    public Dictionary<string, string> MentionedIds { get; } = [];

    /// <summary>IDs reported by code (not only named in a comment).</summary>
    public HashSet<string> ReportedIds { get; } = [];

    /// <summary>Problem codes defined by a <c>GmPkiError</c> field: code → (kind, field as <c>Class.Field</c>).</summary>
    public Dictionary<string, (ErrorKind Kind, string Field)> DefinedCodes { get; } = [];

    /// <summary>Codes written as literals beside an error's <c>.Code</c> (comparison, switch arm, ternary branch), with a file.</summary>
    public Dictionary<string, string> LiteralCodes { get; } = [];

    /// <summary>Scans the repository holding the test's working directory.</summary>
    public static ErrorSources Load() => new(GmPki.Testing.RepositoryRoot.Path);

    /// <summary>Whether <paramref name="field"/> (<c>Class.Field</c>) is referenced anywhere, also qualified.</summary>
    public bool IsReferenced(string field)
    {
        var pattern = new Regex(@"(?<!\w)" + Regex.Escape(field) + @"\b"); // Errors.X and Core.Errors.Errors.X, not KmcErrors.X
        return Texts.Values.Any(pattern.IsMatch);
    }

    private void Scan(string path, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var isComment = line.TrimStart().StartsWith("//", StringComparison.Ordinal);
            foreach (Match id in IdPattern().Matches(line))
            {
                MentionedIds.TryAdd(id.Value, path);
                if (!isComment)
                {
                    ReportedIds.Add(id.Value);
                }
            }
        }

        foreach (Match template in IdTemplatePattern().Matches(text))
        {
            foreach (Match call in NumberedProblemPattern().Matches(text))
            {
                var id = $"GMPKI-{template.Groups[1].Value}-{int.Parse(call.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture):000}";
                MentionedIds.TryAdd(id, path);
                ReportedIds.Add(id);
            }
        }

        var owner = ClassPattern().Match(text).Groups[1].Value;
        foreach (Match field in FieldPattern().Matches(text))
        {
            var name = owner + "." + field.Groups[1].Value;
            if (field.Groups[2].Success)
            {
                DefinedCodes[field.Groups[2].Value] = (Enum.Parse<ErrorKind>(field.Groups[3].Value), name);
            }
            else
            {
                var entry = (CatalogueEntry)typeof(ErrorCatalogue).GetField(field.Groups[4].Value, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
                DefinedCodes[entry.Id] = (entry.Kind!.Value, name);
            }
        }

        var literals = LiteralBesideCodePattern().Matches(text).Select(m => m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value);
        if (text.Contains("Code switch", StringComparison.Ordinal))
        {
            literals = literals.Concat(SwitchArmPattern().Matches(text).Select(m => m.Groups[1].Value));
        }

        foreach (var literal in literals)
        {
            LiteralCodes.TryAdd(literal, path);
        }
    }

    [GeneratedRegex(@"GMPKI-[A-Z]+-[0-9]{3}")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"GMPKI-([A-Z]+)-\{\w+:000\}")]
    private static partial Regex IdTemplatePattern();

    [GeneratedRegex(@"\b[Pp]roblem\((\d+),")]
    private static partial Regex NumberedProblemPattern();

    [GeneratedRegex(@"\bstatic class (\w+)")]
    private static partial Regex ClassPattern();

    [GeneratedRegex(@"GmPkiError (\w+) = (?:new(?: GmPkiError)?\(""([a-z0-9]+(?:-[a-z0-9]+)*)"", ErrorKind\.(\w+)|ErrorCatalogue\.(\w+)\.Titled\()")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"\.Code\s*(?:==|!=|:)\s*""(?<a>[a-z0-9]+(?:-[a-z0-9]+)+)""|""(?<b>[a-z0-9]+(?:-[a-z0-9]+)+)""\s*(?:==|!=|:)\s*[\w.]*\.Code\b")]
    private static partial Regex LiteralBesideCodePattern();

    [GeneratedRegex(@"""([a-z0-9]+(?:-[a-z0-9]+)+)""\s*(?:=>|or\b)")]
    private static partial Regex SwitchArmPattern();
}
