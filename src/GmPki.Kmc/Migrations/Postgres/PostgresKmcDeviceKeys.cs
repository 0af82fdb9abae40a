using GmPki.Kmc.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Kmc.Migrations.Postgres;

/// <summary>
/// Adds <c>kmc_device_keys</c> on PostgreSQL (escrowed SM4 device authentication keys for PIN unlock,
/// docs/kmc.md), written by hand; a test proves the migrated schema equals what the model creates.
/// </summary>
[DbContext(typeof(PostgresKmcContext))]
[Migration("20261215000000_KmcDeviceKeys")]
internal sealed class PostgresKmcDeviceKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "kmc_device_keys",
            columns: table => new
            {
                ca_id = table.Column<string>(type: "text", nullable: false),
                device_serial = table.Column<string>(type: "text", nullable: false),
                request_id = table.Column<string>(type: "text", nullable: false),
                master_key_id = table.Column<string>(type: "text", nullable: false),
                sealed_key = table.Column<byte[]>(type: "bytea", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                last_unlock_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_kmc_device_keys", x => new { x.ca_id, x.device_serial });
                table.ForeignKey(
                    name: "FK_kmc_device_keys_kmc_authorities_ca_id",
                    column: x => x.ca_id,
                    principalTable: "kmc_authorities",
                    principalColumn: "ca_id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_kmc_device_keys_kmc_master_keys_master_key_id",
                    column: x => x.master_key_id,
                    principalTable: "kmc_master_keys",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_kmc_device_keys_master_key_id",
            table: "kmc_device_keys",
            column: "master_key_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "kmc_device_keys");
}
