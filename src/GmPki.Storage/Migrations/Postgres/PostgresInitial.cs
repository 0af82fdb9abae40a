using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// The initial PostgreSQL schema, written by hand (docs/storage.md); the schema equivalence test
/// proves it equals what the model creates.
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20261122000000_Initial")]
internal sealed class PostgresInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "authorities",
            columns: table => new
            {
                label = table.Column<string>(type: "text", nullable: false),
                kind = table.Column<string>(type: "text", nullable: false),
                parent_label = table.Column<string>(type: "text", nullable: true),
                certificate_der = table.Column<byte[]>(type: "bytea", nullable: false),
                key_reference = table.Column<string>(type: "text", nullable: false),
                sm2_user_id = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
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
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                issuer_label = table.Column<string>(type: "text", nullable: false),
                serial_hex = table.Column<string>(type: "text", nullable: false),
                state = table.Column<string>(type: "text", nullable: false),
                profile = table.Column<string>(type: "text", nullable: false),
                subject_dn = table.Column<string>(type: "text", nullable: false),
                key_algorithm = table.Column<string>(type: "text", nullable: false),
                not_before = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                not_after = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                crl_shard = table.Column<int>(type: "integer", nullable: false),
                requested_by = table.Column<string>(type: "text", nullable: false),
                reserved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                tbs_der = table.Column<byte[]>(type: "bytea", nullable: true),
                certificate_der = table.Column<byte[]>(type: "bytea", nullable: true),
                failure_reason = table.Column<string>(type: "text", nullable: true),
                issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
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
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                action = table.Column<string>(type: "text", nullable: false),
                actor = table.Column<string>(type: "text", nullable: false),
                role = table.Column<string>(type: "text", nullable: true),
                target = table.Column<string>(type: "text", nullable: true),
                outcome = table.Column<string>(type: "text", nullable: false),
                details = table.Column<string>(type: "text", nullable: true),
                request_id = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_audit_events", x => x.id));

        migrationBuilder.CreateTable(
            name: "operators",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                name = table.Column<string>(type: "text", nullable: false),
                role = table.Column<string>(type: "text", nullable: false),
                api_key_hash = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                disabled = table.Column<bool>(type: "boolean", nullable: false),
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
