using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GmPki.Kmc.Tests.Infrastructure;

/// <summary>The KMC's schema as sorted lines (tables, columns with type and nullability, indexes, foreign keys), to compare two databases.</summary>
public static class SchemaReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(string provider, string connectionString) =>
        provider == KmcDatabase.SqliteProvider ? await ReadSqliteAsync(connectionString) : await ReadPostgresAsync(connectionString);

    private static async Task<IReadOnlyList<string>> ReadSqliteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'kmc\\_%' ESCAPE '\\' AND name <> 'kmc_migrations'");
        var lines = new List<string>();
        foreach (var table in tables)
        {
            lines.AddRange((await QueryAsync(connection, $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}')")).Select(c => $"{table}.{c}"));
            lines.AddRange((await QueryAsync(connection, $"SELECT name || ' unique=' || \"unique\" || ' ' || (SELECT group_concat(name, ',') FROM pragma_index_info(il.name)) FROM pragma_index_list('{table}') il WHERE origin = 'c'")).Select(i => $"{table} index {i}"));
            lines.AddRange((await QueryAsync(connection, $"SELECT \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('{table}')")).Select(f => $"{table} fk {f}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<IReadOnlyList<string>> ReadPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection,
            "SELECT table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'kmc\\_%' AND table_name <> 'kmc_migrations'"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT tablename || ' index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename LIKE 'kmc\\_%' AND tablename <> 'kmc_migrations'"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT conrelid::regclass::text || ' constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid::regclass::text LIKE 'kmc\\_%' AND conrelid::regclass::text <> 'kmc_migrations'"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
