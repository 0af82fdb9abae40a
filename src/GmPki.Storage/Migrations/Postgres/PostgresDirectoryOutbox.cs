using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>The directory outbox (<c>directory_outbox</c>) of LDAP publication (docs/status-services.md, "LDAP publication").</summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20261207000000_DirectoryOutbox")]
internal sealed class PostgresDirectoryOutbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "directory_outbox",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                kind = table.Column<string>(type: "text", nullable: false),
                issuer_label = table.Column<string>(type: "text", nullable: false),
                serial_hex = table.Column<string>(type: "text", nullable: true),
                crl_number = table.Column<long>(type: "bigint", nullable: true),
                enqueued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                attempts = table.Column<int>(type: "integer", nullable: false),
                last_error = table.Column<string>(type: "text", nullable: true),
                claimed_by = table.Column<string>(type: "text", nullable: true),
                claimed_until = table.Column<long>(type: "bigint", nullable: true),
                failed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_directory_outbox", x => x.id);
                table.ForeignKey(
                    name: "FK_directory_outbox_authorities_issuer_label",
                    column: x => x.issuer_label,
                    principalTable: "authorities",
                    principalColumn: "label",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_directory_outbox_issuer_label", table: "directory_outbox", column: "issuer_label");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "directory_outbox");
}
