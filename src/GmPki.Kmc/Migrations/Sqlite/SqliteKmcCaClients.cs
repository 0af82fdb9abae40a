using GmPki.Kmc.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Kmc.Migrations.Sqlite;

/// <summary>
/// Adds <c>kmc_authorities.client_certificate_sha256</c> on Sqlite (the TLS client certificate a CA
/// authenticates with to the remote KMC, docs/kmc.md "Remote KMC"; unique), written by hand; a test
/// proves the migrated schema equals what the model creates.
/// </summary>
[DbContext(typeof(SqliteKmcContext))]
[Migration("20261216000000_KmcCaClients")]
internal sealed class SqliteKmcCaClients : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "client_certificate_sha256",
            table: "kmc_authorities",
            type: "TEXT",
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_kmc_authorities_client_certificate_sha256",
            table: "kmc_authorities",
            column: "client_certificate_sha256",
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_kmc_authorities_client_certificate_sha256", table: "kmc_authorities");
        migrationBuilder.DropColumn(name: "client_certificate_sha256", table: "kmc_authorities");
    }
}
