using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// Protocol accounts (协议接入账户, docs/protocols.md): table <c>protocol_accounts</c>, one row per
/// (protocol, name), bound to a subscriber, a profile and the completed desk application the
/// protocol enrollments rely on; only the SM3 of the secret is kept.
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20261209000000_ProtocolAccounts")]
internal sealed class PostgresProtocolAccounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "protocol_accounts",
            columns: table => new
            {
                protocol = table.Column<string>(type: "text", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                subscriber_id = table.Column<string>(type: "text", nullable: false),
                profile = table.Column<string>(type: "text", nullable: false),
                basis_application_id = table.Column<string>(type: "text", nullable: false),
                secret_sm3 = table.Column<string>(type: "text", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                agency = table.Column<string>(type: "text", nullable: true),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                disabled = table.Column<bool>(type: "boolean", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_protocol_accounts", x => new { x.protocol, x.name }));
        migrationBuilder.CreateIndex(name: "IX_protocol_accounts_subscriber_id", table: "protocol_accounts", column: "subscriber_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropTable(name: "protocol_accounts");
}
