using System.Data.Common;
using GmPki.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Tests;

/// <summary>SQLite-only settings that <c>MigrateAsync</c> and the connection string take care of.</summary>
public sealed class SqliteConnectionTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task MigrateAsync_Sqlite_SwitchesTheFileToWal()
    {
        (await PragmaAsync("journal_mode")).ShouldBe("wal");
    }

    [Fact]
    public async Task CreateDbContext_Sqlite_EnforcesForeignKeys()
    {
        (await PragmaAsync("foreign_keys")).ShouldBe("1");
    }

    private async Task<string?> PragmaAsync(string name)
    {
        await using var context = fixture.CreateContext();
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
