using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncidentLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AddedAfterResolve",
                table: "TimelineEntries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedReason",
                table: "Incidents",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZoneId",
                table: "Incidents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // Incidents whose post-mortem was already published end their life as the new rule says: closed.
            migrationBuilder.Sql(@"UPDATE ""Incidents"" i SET ""Status"" = 2, ""ClosedReason"" = 'post-mortem published', ""ClosedAt"" = p.""PublishedAt""
FROM ""PostMortems"" p WHERE p.""IncidentId"" = i.""Id"" AND i.""Status"" = 1 AND p.""PublishedVersion"" > 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AddedAfterResolve",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ClosedReason",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "TimeZoneId",
                table: "Incidents");
        }
    }
}
