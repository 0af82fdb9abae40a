using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace GmPki.Cli.Commands;

/// <summary>
/// How read commands write their results: a table measured by display width (Spectre.Console counts
/// an East Asian wide character such as 张 as two columns, so names like 张三 keep the borders
/// aligned), or with <c>--json</c> one JSON document on standard output (camelCase names, UTC
/// ISO 8601 times, no colour codes; see <c>docs/cli.md</c>).
/// </summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Chinese names as text, not \u escapes; stdout is not HTML
    };

    /// <summary>The <c>--json</c> switch of a read command.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Write the result as JSON (camelCase fields) to standard output instead of text." };

    /// <summary>Writes <paramref name="value"/> as one indented JSON document and a newline.</summary>
    public static async Task WriteJsonAsync<T>(TextWriter output, T value)
    {
        await output.WriteAsync(JsonSerializer.Serialize(value, Json));
        await output.WriteLineAsync();
    }

    /// <summary>A table with these column headers and no colour.</summary>
    public static Table Table(params string[] columns) => new Table().AddColumns(columns);

    /// <summary>
    /// Writes <paramref name="table"/> without colour or ANSI codes, 240 columns wide when redirected
    /// (so serials never wrap), else the terminal's width (at least 120). Cell text is escaped.
    /// </summary>
    public static void Write(TextWriter output, Table table)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = Console.IsOutputRedirected || output != Console.Out ? 240 : Math.Max(Console.WindowWidth, 120);
        console.Write(table);
    }

    /// <summary>Adds a row of plain text cells (escaped, so brackets in names are not read as markup).</summary>
    public static Table Row(this Table table, params string?[] cells) => table.AddRow(cells.Select(c => Markup.Escape(c ?? "-")).ToArray());
}
