using GmPki.Storage.Context;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GmPki.Storage.Migrations.Sqlite;

/// <summary>
/// Protocol accounts gain <c>secret_sealed</c>: the secret itself, SM4-GCM under the installation's
/// data key (purpose <c>protocol-account:{protocol}/{name}:secret</c>), because CMP's password-based
/// MAC and ACME's external account binding need the key, not only its SM3 (docs/protocols.md).
/// Accounts created before have none: they still authenticate by the SM3 (EST) but cannot MAC.
/// </summary>
[DbContext(typeof(SqliteLedgerContext))]
[Migration("20261210000000_ProtocolSecrets")]
internal sealed class SqliteProtocolSecrets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.AddColumn<byte[]>(name: "secret_sealed", table: "protocol_accounts", type: "BLOB", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
        => migrationBuilder.DropColumn(name: "secret_sealed", table: "protocol_accounts");
}
