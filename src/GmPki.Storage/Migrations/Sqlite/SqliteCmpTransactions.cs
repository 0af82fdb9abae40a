using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Sqlite;

/// <summary>
/// CMP transactions (RFC 4210 §5.3.18, §5.3.22; docs/protocols.md): table <c>cmp_transactions</c>,
/// keyed by the <c>cmp</c> account and the <c>transactionID</c>, with its state (waiting, issued,
/// confirmed), the application, the answer type and <c>certReqId</c>, the last nonces of both
/// sides and the serial of the certificate sent, so a pollReq or certConf after a restart continues it.
/// </summary>
[DbContext(typeof(SqliteLedgerContext))]
[Migration("20261214000000_CmpTransactions")]
internal sealed class SqliteCmpTransactions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.CreateTable(
            name: "cmp_transactions",
            columns: table => new
            {
                account = table.Column<string>(type: "TEXT", nullable: false),
                transaction_id = table.Column<string>(type: "TEXT", nullable: false),
                state = table.Column<string>(type: "TEXT", nullable: false),
                application_id = table.Column<string>(type: "TEXT", nullable: false),
                answer_type = table.Column<int>(type: "INTEGER", nullable: false),
                cert_req_id = table.Column<int>(type: "INTEGER", nullable: false),
                client_nonce = table.Column<string>(type: "TEXT", nullable: true),
                server_nonce = table.Column<string>(type: "TEXT", nullable: false),
                certificate_serial = table.Column<string>(type: "TEXT", nullable: true),
                created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_cmp_transactions", x => new { x.account, x.transaction_id }));

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropTable(name: "cmp_transactions");
}
