using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Sqlite;

/// <summary>
/// Delegated registration agencies (受委托机构, docs/registration.md): table <c>agencies</c>;
/// operators gain <c>agency</c> (their agency's code) and <c>person_id</c> (SM3 of the holder's
/// identity number, for the 三员 separation) and <c>client_certificate_sha256</c> (the TLS client
/// certificate the operator may authenticate with).
/// </summary>
[DbContext(typeof(SqliteLedgerContext))]
[Migration("20261203000000_Agencies")]
internal sealed class SqliteAgencies : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "agencies",
            columns: table => new
            {
                code = table.Column<string>(type: "TEXT", nullable: false),
                name = table.Column<string>(type: "TEXT", nullable: false),
                responsible_person = table.Column<string>(type: "TEXT", nullable: false),
                service_addresses = table.Column<string>(type: "TEXT", nullable: false),
                scope = table.Column<string>(type: "TEXT", nullable: false),
                agreement_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                filed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                changed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                change_filed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                suspended = table.Column<bool>(type: "INTEGER", nullable: false),
                version = table.Column<int>(type: "INTEGER", nullable: false),
                updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_agencies", x => x.code));
        migrationBuilder.AddColumn<string>(name: "agency", table: "operators", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<string>(name: "person_id", table: "operators", type: "TEXT", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_operators_person_id", table: "operators", column: "person_id");
        migrationBuilder.AddColumn<string>(name: "client_certificate_sha256", table: "operators", type: "TEXT", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_operators_client_certificate_sha256", table: "operators", column: "client_certificate_sha256", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_operators_client_certificate_sha256", table: "operators");
        migrationBuilder.DropColumn(name: "client_certificate_sha256", table: "operators");
        migrationBuilder.DropIndex(name: "IX_operators_person_id", table: "operators");
        migrationBuilder.DropColumn(name: "person_id", table: "operators");
        migrationBuilder.DropColumn(name: "agency", table: "operators");
        migrationBuilder.DropTable(name: "agencies");
    }
}
