using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.SqlServer
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
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Incidents",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedReason",
                table: "Incidents",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZoneId",
                table: "Incidents",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            // Incidents whose post-mortem was already published end their life as the new rule says: closed.
            migrationBuilder.Sql(@"EXEC(N'UPDATE i SET [Status] = 2, [ClosedReason] = N''post-mortem published'', [ClosedAt] = p.[PublishedAt]
FROM [Incidents] i INNER JOIN [PostMortems] p ON p.[IncidentId] = i.[Id] WHERE i.[Status] = 1 AND p.[PublishedVersion] > 0');");
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
