using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Sqlite;

/// <summary>
/// The initial SQLite schema, written by hand (docs/storage.md); the schema equivalence test
/// proves it equals what the model creates.
/// </summary>
[DbContext(typeof(SqliteLedgerContext))]
[Migration("20261122000000_Initial")]
internal sealed class SqliteInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "authorities",
            columns: table => new
            {
                label = table.Column<string>(type: "TEXT", nullable: false),
                kind = table.Column<string>(type: "TEXT", nullable: false),
                parent_label = table.Column<string>(type: "TEXT", nullable: true),
                certificate_der = table.Column<byte[]>(type: "BLOB", nullable: false),
                key_reference = table.Column<string>(type: "TEXT", nullable: false),
                sm2_user_id = table.Column<string>(type: "TEXT", nullable: false),
                created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_authorities", x => x.label);
                table.ForeignKey(
                    name: "FK_authorities_authorities_parent_label",
                    column: x => x.parent_label,
                    principalTable: "authorities",
                    principalColumn: "label",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "certificates",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                issuer_label = table.Column<string>(type: "TEXT", nullable: false),
                serial_hex = table.Column<string>(type: "TEXT", nullable: false),
                state = table.Column<string>(type: "TEXT", nullable: false),
                profile = table.Column<string>(type: "TEXT", nullable: false),
                subject_dn = table.Column<string>(type: "TEXT", nullable: false),
                key_algorithm = table.Column<string>(type: "TEXT", nullable: false),
                not_before = table.Column<DateTime>(type: "TEXT", nullable: false),
                not_after = table.Column<DateTime>(type: "TEXT", nullable: false),
                crl_shard = table.Column<int>(type: "INTEGER", nullable: false),
                requested_by = table.Column<string>(type: "TEXT", nullable: false),
                reserved_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                tbs_der = table.Column<byte[]>(type: "BLOB", nullable: true),
                certificate_der = table.Column<byte[]>(type: "BLOB", nullable: true),
                failure_reason = table.Column<string>(type: "TEXT", nullable: true),
                issued_at = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_certificates", x => x.id);
                table.ForeignKey(
                    name: "FK_certificates_authorities_issuer_label",
                    column: x => x.issuer_label,
                    principalTable: "authorities",
                    principalColumn: "label",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "audit_events",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                action = table.Column<string>(type: "TEXT", nullable: false),
                actor = table.Column<string>(type: "TEXT", nullable: false),
                role = table.Column<string>(type: "TEXT", nullable: true),
                target = table.Column<string>(type: "TEXT", nullable: true),
                outcome = table.Column<string>(type: "TEXT", nullable: false),
                details = table.Column<string>(type: "TEXT", nullable: true),
                request_id = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_audit_events", x => x.id));

        migrationBuilder.CreateTable(
            name: "operators",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                name = table.Column<string>(type: "TEXT", nullable: false),
                role = table.Column<string>(type: "TEXT", nullable: false),
                api_key_hash = table.Column<string>(type: "TEXT", nullable: false),
                created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                disabled = table.Column<bool>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_operators", x => x.id));

        migrationBuilder.CreateIndex(name: "IX_authorities_parent_label", table: "authorities", column: "parent_label");
        migrationBuilder.CreateIndex(
            name: "IX_certificates_issuer_label_serial_hex", table: "certificates", columns: ["issuer_label", "serial_hex"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_certificates_serial_hex", table: "certificates", column: "serial_hex");
        migrationBuilder.CreateIndex(name: "IX_certificates_reserved_at_id", table: "certificates", columns: ["reserved_at", "id"]);
        migrationBuilder.CreateIndex(name: "IX_operators_name", table: "operators", column: "name", unique: true);
        migrationBuilder.CreateIndex(name: "IX_operators_api_key_hash", table: "operators", column: "api_key_hash", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "operators");
        migrationBuilder.DropTable(name: "audit_events");
        migrationBuilder.DropTable(name: "certificates");
        migrationBuilder.DropTable(name: "authorities");
    }
}
