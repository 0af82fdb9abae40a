using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Postgres;

/// <summary>
/// Dual certificates (双证书, docs/kmc.md#dual-issuance): table <c>certificate_pairs</c> links a
/// signing certificate to its encryption certificate and the KMC's escrowed key, with the key's
/// envelope for the holder; applications gain <c>dual</c>.
/// </summary>
[DbContext(typeof(PostgresLedgerContext))]
[Migration("20261213000000_CertificatePairs")]
internal sealed class PostgresCertificatePairs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "dual", table: "applications", type: "boolean", nullable: false, defaultValue: false);
        migrationBuilder.CreateTable(
            name: "certificate_pairs",
            columns: table => new
            {
                signing_serial = table.Column<string>(type: "text", nullable: false),
                encryption_serial = table.Column<string>(type: "text", nullable: false),
                kmc_key_id = table.Column<string>(type: "text", nullable: false),
                enveloped_key = table.Column<byte[]>(type: "bytea", nullable: true),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_certificate_pairs", x => x.signing_serial));
        migrationBuilder.CreateIndex(name: "IX_certificate_pairs_encryption_serial", table: "certificate_pairs", column: "encryption_serial", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "certificate_pairs");
        migrationBuilder.DropColumn(name: "dual", table: "applications");
    }
}
