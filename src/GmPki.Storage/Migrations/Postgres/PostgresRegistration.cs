using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// The registration workflow (docs/registration.md): subscribers, applications, their steps and
/// evidence files, published documents; certificates gain their revocation status.
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20261202000000_Registration")]
internal sealed class PostgresRegistration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "status", table: "certificates", type: "text", nullable: false, defaultValue: "Good");
        migrationBuilder.AddColumn<DateTime>(name: "status_changed_at", table: "certificates", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<string>(name: "revocation_reason", table: "certificates", type: "text", nullable: true);
        migrationBuilder.CreateTable(
            name: "subscribers",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                type = table.Column<string>(type: "text", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                identity_document = table.Column<string>(type: "text", nullable: false),
                identity_number_protected = table.Column<byte[]>(type: "bytea", nullable: false),
                identity_number_masked = table.Column<string>(type: "text", nullable: false),
                region = table.Column<string>(type: "text", nullable: false),
                organization_id = table.Column<string>(type: "text", nullable: true),
                phone_protected = table.Column<byte[]>(type: "bytea", nullable: true),
                email = table.Column<string>(type: "text", nullable: true),
                address_protected = table.Column<byte[]>(type: "bytea", nullable: true),
                registered_by = table.Column<string>(type: "text", nullable: false),
                agency = table.Column<string>(type: "text", nullable: true),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_subscribers", x => x.id);
                table.ForeignKey(
                    name: "FK_subscribers_subscribers_organization_id",
                    column: x => x.organization_id,
                    principalTable: "subscribers",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateTable(
            name: "applications",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                kind = table.Column<string>(type: "text", nullable: false),
                state = table.Column<string>(type: "text", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
                subscriber_id = table.Column<string>(type: "text", nullable: false),
                profile = table.Column<string>(type: "text", nullable: false),
                target_serial = table.Column<string>(type: "text", nullable: true),
                certification_request = table.Column<byte[]>(type: "bytea", nullable: true),
                two_person_rule = table.Column<bool>(type: "boolean", nullable: false),
                reason = table.Column<string>(type: "text", nullable: true),
                result_serial = table.Column<string>(type: "text", nullable: true),
                created_by = table.Column<string>(type: "text", nullable: false),
                agency = table.Column<string>(type: "text", nullable: true),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                access_token_hash = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_applications", x => x.id);
                table.ForeignKey(
                    name: "FK_applications_subscribers_subscriber_id",
                    column: x => x.subscriber_id,
                    principalTable: "subscribers",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateTable(
            name: "application_steps",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                application_id = table.Column<string>(type: "text", nullable: false),
                step = table.Column<string>(type: "text", nullable: false),
                passed = table.Column<bool>(type: "boolean", nullable: false),
                recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                actor = table.Column<string>(type: "text", nullable: false),
                role = table.Column<string>(type: "text", nullable: true),
                agency = table.Column<string>(type: "text", nullable: true),
                method = table.Column<string>(type: "text", nullable: false),
                details = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_application_steps", x => x.id);
                table.ForeignKey(
                    name: "FK_application_steps_applications_application_id",
                    column: x => x.application_id,
                    principalTable: "applications",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateTable(
            name: "evidence_files",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                application_id = table.Column<string>(type: "text", nullable: false),
                step = table.Column<string>(type: "text", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                media_type = table.Column<string>(type: "text", nullable: false),
                length = table.Column<long>(type: "bigint", nullable: false),
                sm3 = table.Column<string>(type: "text", nullable: false),
                content_protected = table.Column<byte[]>(type: "bytea", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_evidence_files", x => x.id);
                table.ForeignKey(
                    name: "FK_evidence_files_applications_application_id",
                    column: x => x.application_id,
                    principalTable: "applications",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateTable(
            name: "documents",
            columns: table => new
            {
                kind = table.Column<string>(type: "text", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
                title = table.Column<string>(type: "text", nullable: false),
                sections = table.Column<string>(type: "text", nullable: false),
                cps_version = table.Column<int>(type: "integer", nullable: true),
                sm3 = table.Column<string>(type: "text", nullable: false),
                published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                published_by = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_documents", x => new { x.kind, x.version });
            });
        migrationBuilder.CreateIndex(name: "IX_subscribers_organization_id", table: "subscribers", column: "organization_id");
        migrationBuilder.CreateIndex(name: "IX_subscribers_agency", table: "subscribers", column: "agency");
        migrationBuilder.CreateIndex(name: "IX_applications_subscriber_id", table: "applications", column: "subscriber_id");
        migrationBuilder.CreateIndex(name: "IX_applications_result_serial", table: "applications", column: "result_serial");
        migrationBuilder.CreateIndex(name: "IX_applications_created_at_id", table: "applications", columns: ["created_at", "id"]);
        migrationBuilder.CreateIndex(name: "IX_application_steps_application_id", table: "application_steps", column: "application_id");
        migrationBuilder.CreateIndex(name: "IX_evidence_files_application_id", table: "evidence_files", column: "application_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "evidence_files");
        migrationBuilder.DropTable(name: "application_steps");
        migrationBuilder.DropTable(name: "applications");
        migrationBuilder.DropTable(name: "subscribers");
        migrationBuilder.DropTable(name: "documents");
        migrationBuilder.DropColumn(name: "status", table: "certificates");
        migrationBuilder.DropColumn(name: "status_changed_at", table: "certificates");
        migrationBuilder.DropColumn(name: "revocation_reason", table: "certificates");
    }
}
