using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class EvidenceCustody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustodyEntries_EvidenceId",
                table: "CustodyEntries");

            migrationBuilder.AddColumn<Guid>(
                name: "ConcurrencyStamp",
                table: "Evidence",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "ContentType",
                table: "Evidence",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FileName",
                table: "Evidence",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FileSize",
                table: "Evidence",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HolderId",
                table: "Evidence",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HolderName",
                table: "Evidence",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SharedById",
                table: "Evidence",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SharedByName",
                table: "Evidence",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "State",
                table: "Evidence",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "StoredAt",
                table: "Evidence",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupersededAt",
                table: "Evidence",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupersededReason",
                table: "Evidence",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ById",
                table: "CustodyEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ByName",
                table: "CustodyEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FromId",
                table: "CustodyEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FromName",
                table: "CustodyEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Location",
                table: "CustodyEntries",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "CustodyEntries",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Result",
                table: "CustodyEntries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "CustodyEntries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Sha256",
                table: "CustodyEntries",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Step",
                table: "CustodyEntries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ToId",
                table: "CustodyEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ToName",
                table: "CustodyEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustodyEntries_EvidenceId_Sequence",
                table: "CustodyEntries",
                columns: new[] { "EvidenceId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustodyEntries_EvidenceId_Sequence",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "ContentType",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "FileName",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "FileSize",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "HolderId",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "HolderName",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "SharedById",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "SharedByName",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "State",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "StoredAt",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "SupersededReason",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "ById",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "ByName",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "FromId",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "FromName",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "Location",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "Result",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "Sha256",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "Step",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "ToId",
                table: "CustodyEntries");

            migrationBuilder.DropColumn(
                name: "ToName",
                table: "CustodyEntries");

            migrationBuilder.CreateIndex(
                name: "IX_CustodyEntries_EvidenceId",
                table: "CustodyEntries",
                column: "EvidenceId");
        }
    }
}
