using GmPki.Kmc.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Kmc.Migrations.Postgres;

/// <summary>
/// The KMC's initial Postgres schema (tables <c>kmc_master_keys</c>, <c>kmc_authorities</c>,
/// <c>kmc_escrowed_keys</c>), written by hand; a test proves it equals what the model creates.
/// </summary>
[DbContext(typeof(PostgresKmcContext))]
[Migration("20261206000000_KmcInitial")]
internal sealed class PostgresKmcInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "kmc_master_keys",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                threshold = table.Column<int>(type: "integer", nullable: false),
                custodians = table.Column<string>(type: "text", nullable: false),
                check_value = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_kmc_master_keys", x => x.id));

        migrationBuilder.CreateTable(
            name: "kmc_authorities",
            columns: table => new
            {
                ca_id = table.Column<string>(type: "text", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                algorithms = table.Column<string>(type: "text", nullable: false),
                registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_kmc_authorities", x => x.ca_id));

        migrationBuilder.CreateTable(
            name: "kmc_escrowed_keys",
            columns: table => new
            {
                key_id = table.Column<string>(type: "text", nullable: false),
                ca_id = table.Column<string>(type: "text", nullable: false),
                request_id = table.Column<string>(type: "text", nullable: false),
                algorithm = table.Column<string>(type: "text", nullable: false),
                public_key = table.Column<byte[]>(type: "bytea", nullable: false),
                holder_signing_key = table.Column<byte[]>(type: "bytea", nullable: false),
                master_key_id = table.Column<string>(type: "text", nullable: false),
                sealed_private_key = table.Column<byte[]>(type: "bytea", nullable: false),
                not_before = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                not_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                state = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                state_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_kmc_escrowed_keys", x => x.key_id);
                table.ForeignKey(
                    name: "FK_kmc_escrowed_keys_kmc_authorities_ca_id",
                    column: x => x.ca_id,
                    principalTable: "kmc_authorities",
                    principalColumn: "ca_id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_kmc_escrowed_keys_kmc_master_keys_master_key_id",
                    column: x => x.master_key_id,
                    principalTable: "kmc_master_keys",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_kmc_escrowed_keys_ca_id_request_id",
            table: "kmc_escrowed_keys",
            columns: ["ca_id", "request_id"],
            unique: true);
        migrationBuilder.CreateIndex(
            name: "IX_kmc_escrowed_keys_master_key_id",
            table: "kmc_escrowed_keys",
            column: "master_key_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "kmc_escrowed_keys");
        migrationBuilder.DropTable(name: "kmc_authorities");
        migrationBuilder.DropTable(name: "kmc_master_keys");
    }
}
