using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// The SM3 audit chain (docs/audit.md): <c>audit_events</c> gains <c>agency</c>,
/// <c>previous_hash</c> and <c>hash</c>; new tables <c>audit_chain_head</c> (its one row inserted
/// here) and <c>audit_checkpoints</c>. Existing events get empty hashes here and are chained at
/// start-up (<c>LegacyAuditEvents</c>).
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20261201000000_AuditChain")]
internal sealed class PostgresAuditChain : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "agency", table: "audit_events", type: "text", nullable: true);
        migrationBuilder.AddColumn<string>(name: "previous_hash", table: "audit_events", type: "text", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "hash", table: "audit_events", type: "text", nullable: false, defaultValue: "");
        migrationBuilder.Sql("ALTER TABLE audit_events ALTER COLUMN previous_hash DROP DEFAULT, ALTER COLUMN hash DROP DEFAULT;");

        migrationBuilder.CreateTable(
            name: "audit_chain_head",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false),
                last_id = table.Column<long>(type: "bigint", nullable: false),
                last_hash = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_chain_head", x => x.id));
        migrationBuilder.Sql($"INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES ({AuditChainHeadEntity.RowId}, 0, '{AuditChainHead.GenesisHash}');");

        migrationBuilder.CreateTable(
            name: "audit_checkpoints",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                through_event_id = table.Column<long>(type: "bigint", nullable: false),
                hash = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                signature = table.Column<byte[]>(type: "bytea", nullable: false),
                signer_certificate_der = table.Column<byte[]>(type: "bytea", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_checkpoints", x => x.id));
        migrationBuilder.CreateIndex(name: "IX_audit_checkpoints_through_event_id", table: "audit_checkpoints", column: "through_event_id", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "audit_checkpoints");
        migrationBuilder.DropTable(name: "audit_chain_head");
        migrationBuilder.DropColumn(name: "hash", table: "audit_events");
        migrationBuilder.DropColumn(name: "previous_hash", table: "audit_events");
        migrationBuilder.DropColumn(name: "agency", table: "audit_events");
    }
}
