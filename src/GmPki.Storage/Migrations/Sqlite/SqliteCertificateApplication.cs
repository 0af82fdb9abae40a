using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Sqlite;

/// <summary>
/// Certificates gain <c>application_id</c>: the registration application a certificate fulfils,
/// written with the serial's reservation, so that a fulfilment retried after a crash between
/// issuance and the recording of its step finds the certificate instead of issuing a second one
/// (docs/issuance.md). Certificates reserved before, and those of protocol enrollment, have none.
/// </summary>
[DbContext(typeof(SqliteLedgerContext))]
[Migration("20261220000000_CertificateApplication")]
internal sealed class SqliteCertificateApplication : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "application_id", table: "certificates", type: "TEXT", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_certificates_application_id", table: "certificates", column: "application_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_certificates_application_id", table: "certificates");
        migrationBuilder.DropColumn(name: "application_id", table: "certificates");
    }
}
