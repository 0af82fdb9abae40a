using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// ACME (RFC 8555, docs/protocols.md): tables <c>acme_accounts</c> (owner: the account key's
/// RFC 7638 thumbprint, unique), <c>acme_orders</c> (owner: the account),
/// <c>acme_authorizations</c> (owner: the order), <c>acme_challenges</c> (owner: the
/// authorization), each object's state as a JSON document with its status; and
/// <c>acme_nonces</c>, the nonces handed out and not used yet (RFC 8555 §6.5).
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20261212000000_Acme")]
internal sealed class PostgresAcme : Migration
{
    private static readonly string[] Tables = ["acme_accounts", "acme_orders", "acme_authorizations", "acme_challenges", "acme_nonces"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "acme_accounts",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                owner = table.Column<string>(type: "text", nullable: false),
                status = table.Column<string>(type: "text", nullable: false),
                document = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_acme_accounts", x => x.id));
        migrationBuilder.CreateIndex(name: "IX_acme_accounts_owner", table: "acme_accounts", column: "owner", unique: true);
        migrationBuilder.CreateTable(
            name: "acme_orders",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                owner = table.Column<string>(type: "text", nullable: false),
                status = table.Column<string>(type: "text", nullable: false),
                document = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_acme_orders", x => x.id));
        migrationBuilder.CreateIndex(name: "IX_acme_orders_owner", table: "acme_orders", column: "owner");
        migrationBuilder.CreateTable(
            name: "acme_authorizations",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                owner = table.Column<string>(type: "text", nullable: false),
                status = table.Column<string>(type: "text", nullable: false),
                document = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_acme_authorizations", x => x.id));
        migrationBuilder.CreateIndex(name: "IX_acme_authorizations_owner", table: "acme_authorizations", column: "owner");
        migrationBuilder.CreateTable(
            name: "acme_challenges",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                owner = table.Column<string>(type: "text", nullable: false),
                status = table.Column<string>(type: "text", nullable: false),
                document = table.Column<string>(type: "text", nullable: false),
                updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_acme_challenges", x => x.id));
        migrationBuilder.CreateIndex(name: "IX_acme_challenges_owner", table: "acme_challenges", column: "owner");
        migrationBuilder.CreateTable(
            name: "acme_nonces",
            columns: table => new
            {
                nonce = table.Column<string>(type: "text", nullable: false),
                expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_acme_nonces", x => x.nonce));
        migrationBuilder.CreateIndex(name: "IX_acme_nonces_expires_at", table: "acme_nonces", column: "expires_at");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.DropTable(name: table);
        }
    }
}
