using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// Operators gain <c>expires_at</c>: the UTC instant from which the API key no longer
/// authenticates (set by <c>gmpki operator add|rotate --expires</c>); null for a key without expiry.
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20270102000000_OperatorExpiry")]
internal sealed class PostgresOperatorExpiry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.AddColumn<DateTime>(name: "expires_at", table: "operators", type: "timestamp with time zone", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropColumn(name: "expires_at", table: "operators");
}
