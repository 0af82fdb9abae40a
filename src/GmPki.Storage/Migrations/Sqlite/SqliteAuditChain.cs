using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Sqlite;

/// <summary>
/// The SM3 audit chain (docs/audit.md): <c>audit_events</c> gains <c>agency</c>,
/// <c>previous_hash</c> and <c>hash</c>; new tables <c>audit_chain_head</c> (its one row inserted
/// here) and <c>audit_checkpoints</c>. SQLite cannot add a NOT NULL column without a default, so
/// <c>audit_events</c> is rebuilt; existing events get empty hashes here and are chained at start-up
/// (<c>LegacyAuditEvents</c>).
/// </summary>
[DbContext(typeof(SqliteLedgerContext))]
[Migration("20261201000000_AuditChain")]
internal sealed class SqliteAuditChain : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ef_temp_audit_events",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                action = table.Column<string>(type: "TEXT", nullable: false),
                actor = table.Column<string>(type: "TEXT", nullable: false),
                role = table.Column<string>(type: "TEXT", nullable: true),
                agency = table.Column<string>(type: "TEXT", nullable: true),
                target = table.Column<string>(type: "TEXT", nullable: true),
                outcome = table.Column<string>(type: "TEXT", nullable: false),
                details = table.Column<string>(type: "TEXT", nullable: true),
                request_id = table.Column<string>(type: "TEXT", nullable: true),
                previous_hash = table.Column<string>(type: "TEXT", nullable: false),
                hash = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_events", x => x.id));
        migrationBuilder.Sql(
            "INSERT INTO ef_temp_audit_events (id, occurred_at, action, actor, role, target, outcome, details, request_id, previous_hash, hash) " +
            "SELECT id, occurred_at, action, actor, role, target, outcome, details, request_id, '', '' FROM audit_events;");
        migrationBuilder.DropTable(name: "audit_events");
        migrationBuilder.RenameTable(name: "ef_temp_audit_events", newName: "audit_events");

        migrationBuilder.CreateTable(
            name: "audit_chain_head",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false),
                last_id = table.Column<long>(type: "INTEGER", nullable: false),
                last_hash = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_chain_head", x => x.id));
        migrationBuilder.Sql($"INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES ({AuditChainHeadEntity.RowId}, 0, '{AuditChainHead.GenesisHash}');");

        migrationBuilder.CreateTable(
            name: "audit_checkpoints",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                through_event_id = table.Column<long>(type: "INTEGER", nullable: false),
                hash = table.Column<string>(type: "TEXT", nullable: false),
                created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                signature = table.Column<byte[]>(type: "BLOB", nullable: false),
                signer_certificate_der = table.Column<byte[]>(type: "BLOB", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_checkpoints", x => x.id));
        migrationBuilder.CreateIndex(name: "IX_audit_checkpoints_through_event_id", table: "audit_checkpoints", column: "through_event_id", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "audit_checkpoints");
        migrationBuilder.DropTable(name: "audit_chain_head");
        migrationBuilder.Sql("ALTER TABLE audit_events DROP COLUMN hash;");
        migrationBuilder.Sql("ALTER TABLE audit_events DROP COLUMN previous_hash;");
        migrationBuilder.Sql("ALTER TABLE audit_events DROP COLUMN agency;");
    }
}
