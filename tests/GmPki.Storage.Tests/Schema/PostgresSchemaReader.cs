using Npgsql;

namespace GmPki.Storage.Tests.Schema;

/// <summary>Reads a PostgreSQL schema (<c>public</c>) through information_schema, pg_constraint and pg_indexes.</summary>
internal static class PostgresSchemaReader
{
    public static async Task<DatabaseSchema> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var tables = await QueryAsync(
            connection,
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            """,
            r => (Table: r.GetString(0), Line: r.GetString(0)));
        var columns = await QueryAsync(
            connection,
            """
            SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public'
            """,
            r => (Table: r.GetString(0), Line:
                $"{r.GetString(0)}.{r.GetString(1)} {r.GetString(2)} {(r.GetString(3) == "YES" ? "NULL" : "NOT NULL")} "
                + $"default={(r.IsDBNull(4) ? "none" : r.GetString(4))} identity={(r.GetString(5) == "YES" ? r.GetString(6) : "none")}"));
        var keys = await QueryAsync(
            connection,
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            """,
            r => (Table: r.GetString(0), Line: $"{r.GetString(0)} {r.GetString(1)} {r.GetString(2)}"));
        var indexes = await QueryAsync(
            connection,
            "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'",
            r => (Table: r.GetString(0), Line: r.GetString(1)));

        return new DatabaseSchema(Lines(tables), Lines(columns), Lines(keys), Lines(indexes));
    }

    private static List<string> Lines(List<(string Table, string Line)> rows) =>
        [.. rows.Where(r => !DatabaseSchema.IsEfCoreTable(r.Table.Trim('"'))).Select(r => r.Line).Order(StringComparer.Ordinal)];

    private static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
