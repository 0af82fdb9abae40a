using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// Subscribers gain <c>identity_index</c>: a blind index (HMAC-SM3 under the data key) of their
/// identity document and number, unique, so the same person or organisation is registered once.
/// Subscribers registered before have none and are not de-duplicated.
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20261204000000_SubscriberIdentityIndex")]
internal sealed class PostgresSubscriberIdentityIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "identity_index", table: "subscribers", type: "text", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_subscribers_identity_index", table: "subscribers", column: "identity_index", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_subscribers_identity_index", table: "subscribers");
        migrationBuilder.DropColumn(name: "identity_index", table: "subscribers");
    }
}
