using Microsoft.Data.Sqlite;

namespace GmPki.Storage.Tests.Schema;

/// <summary>Reads a SQLite schema through <c>sqlite_master</c> and the <c>PRAGMA</c> table functions.</summary>
internal static class SqliteSchemaReader
{
    public static async Task<DatabaseSchema> ReadAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        var tables = new List<string>();
        var columns = new List<string>();
        var keys = new List<string>();
        var indexes = new List<string>();
        var tableSql = await QueryAsync(
            connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            null,
            r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tableSql.Where(t => !DatabaseSchema.IsEfCoreTable(t.Name)))
        {
            tables.Add($"{table} autoincrement={sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");

            var tableColumns = await QueryAsync(
                connection,
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($argument)",
                table,
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetBoolean(2), Default: r.IsDBNull(3) ? null : r.GetString(3), Pk: r.GetInt32(4)));
            columns.AddRange(tableColumns.Select(c => $"{table}.{c.Name} {c.Type} {(c.NotNull ? "NOT NULL" : "NULL")} default={c.Default ?? "none"}"));
            keys.Add($"{table} PRIMARY KEY ({string.Join(", ", tableColumns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name))})");

            var foreignKeys = await QueryAsync(
                connection,
                "SELECT id, \"from\", \"table\", \"to\", on_update, on_delete FROM pragma_foreign_key_list($argument) ORDER BY id, seq",
                table,
                r => (Id: r.GetInt32(0), From: r.GetString(1), Table: r.GetString(2), To: r.GetString(3), OnUpdate: r.GetString(4), OnDelete: r.GetString(5)));
            keys.AddRange(foreignKeys.GroupBy(f => f.Id).Select(f =>
                $"{table} FOREIGN KEY ({string.Join(", ", f.Select(c => c.From))}) REFERENCES {f.First().Table} "
                + $"({string.Join(", ", f.Select(c => c.To))}) ON DELETE {f.First().OnDelete} ON UPDATE {f.First().OnUpdate}"));

            var tableIndexes = await QueryAsync(
                connection,
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list($argument)",
                table,
                r => (Name: r.GetString(0), Unique: r.GetBoolean(1), Origin: r.GetString(2), Partial: r.GetBoolean(3)));
            foreach (var index in tableIndexes)
            {
                var indexColumns = await QueryAsync(
                    connection, "SELECT name FROM pragma_index_info($argument) ORDER BY seqno", index.Name, r => r.GetString(0));
                indexes.Add($"{table}.{index.Name} unique={index.Unique} origin={index.Origin} partial={index.Partial} ({string.Join(", ", indexColumns)})");
            }
        }

        return new DatabaseSchema(Sorted(tables), Sorted(columns), Sorted(keys), Sorted(indexes));
    }

    private static List<string> Sorted(List<string> lines) => [.. lines.Order(StringComparer.Ordinal)];

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, string? argument, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (argument is not null)
        {
            command.Parameters.AddWithValue("$argument", argument);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
