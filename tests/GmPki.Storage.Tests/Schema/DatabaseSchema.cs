namespace GmPki.Storage.Tests.Schema;

/// <summary>
/// What a database's schema consists of, each part as sorted one-line descriptions so that two
/// schemas compare line by line. EF Core's own tables (<c>__EFMigrations*</c>) are left out.
/// </summary>
/// <param name="Tables">Table names, with the SQLite AUTOINCREMENT flag.</param>
/// <param name="Columns"><c>table.column type nullability default identity</c>.</param>
/// <param name="Keys">Primary keys, foreign keys (with delete rule) and other constraints.</param>
/// <param name="Indexes">Index name, uniqueness and columns in order.</param>
public sealed record DatabaseSchema(
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Keys,
    IReadOnlyList<string> Indexes)
{
    public static bool IsEfCoreTable(string table) => table.StartsWith("__EFMigrations", StringComparison.Ordinal);

    /// <summary>Asserts this schema equals <paramref name="expected"/>, listing every line that differs.</summary>
    public void ShouldEqual(DatabaseSchema expected) =>
        Differences("table", Tables, expected.Tables)
            .Concat(Differences("column", Columns, expected.Columns))
            .Concat(Differences("key", Keys, expected.Keys))
            .Concat(Differences("index", Indexes, expected.Indexes))
            .ShouldBeEmpty("the schemas differ");

    private static IEnumerable<string> Differences(string part, IReadOnlyList<string> actual, IReadOnlyList<string> expected) =>
        expected.Except(actual).Select(line => $"missing {part}: {line}")
            .Concat(actual.Except(expected).Select(line => $"extra {part}: {line}"));
}
