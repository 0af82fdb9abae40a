using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// CMP replay protection (RFC 4210 §5.1.1, RFC 9483 §3.5; docs/protocols.md): table
/// <c>cmp_messages</c>, one row per authenticated CMP request, keyed by its <c>senderNonce</c>
/// (a nonce seen before is a replay), with the account, the <c>transactionID</c> (indexed: a
/// request starting a transaction with an ID seen before is refused), the body type and the time.
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20270101000000_CmpMessages")]
internal sealed class PostgresCmpMessages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "cmp_messages",
            columns: table => new
            {
                sender_nonce = table.Column<string>(type: "text", nullable: false),
                account = table.Column<string>(type: "text", nullable: false),
                transaction_id = table.Column<string>(type: "text", nullable: false),
                body_type = table.Column<int>(type: "integer", nullable: false),
                received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_cmp_messages", x => x.sender_nonce));
        migrationBuilder.CreateIndex(name: "IX_cmp_messages_transaction_id", table: "cmp_messages", column: "transaction_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropTable(name: "cmp_messages");
}
