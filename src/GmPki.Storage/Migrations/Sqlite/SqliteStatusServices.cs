using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Sqlite;

/// <summary>
/// The certificate status services (docs/status-services.md): published CRLs (<c>crls</c>), the
/// per-CA cRLNumber counter (<c>crl_counters</c>) and an index on <c>certificates.status_changed_at</c>
/// for the status-change poller.
/// </summary>
[DbContext(typeof(SqliteLedgerContext))]
[Migration("20261205000000_StatusServices")]
internal sealed class SqliteStatusServices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "crls",
            columns: table => new
            {
                issuer_label = table.Column<string>(type: "TEXT", nullable: false),
                number = table.Column<long>(type: "INTEGER", nullable: false),
                shard = table.Column<int>(type: "INTEGER", nullable: false),
                base_number = table.Column<long>(type: "INTEGER", nullable: true),
                this_update = table.Column<DateTime>(type: "TEXT", nullable: false),
                next_update = table.Column<DateTime>(type: "TEXT", nullable: false),
                der = table.Column<byte[]>(type: "BLOB", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_crls", x => new { x.issuer_label, x.number });
                table.ForeignKey(
                    name: "FK_crls_authorities_issuer_label",
                    column: x => x.issuer_label,
                    principalTable: "authorities",
                    principalColumn: "label",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_crls_issuer_label_shard_number", table: "crls", columns: ["issuer_label", "shard", "number"]);
        migrationBuilder.CreateTable(
            name: "crl_counters",
            columns: table => new
            {
                issuer_label = table.Column<string>(type: "TEXT", nullable: false),
                last_number = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_crl_counters", x => x.issuer_label);
                table.ForeignKey(
                    name: "FK_crl_counters_authorities_issuer_label",
                    column: x => x.issuer_label,
                    principalTable: "authorities",
                    principalColumn: "label",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_certificates_status_changed_at", table: "certificates", column: "status_changed_at");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_certificates_status_changed_at", table: "certificates");
        migrationBuilder.DropTable(name: "crl_counters");
        migrationBuilder.DropTable(name: "crls");
    }
}
