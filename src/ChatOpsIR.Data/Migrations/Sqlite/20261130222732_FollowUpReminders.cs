using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUpReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HandedOverAt",
                table: "ActionItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemindFrom",
                table: "ActionItems",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Items made before reminders existed count from their creation, so none gets a reminder for a date long gone.
            migrationBuilder.Sql("UPDATE \"ActionItems\" SET \"RemindFrom\" = \"CreatedAt\"");

            migrationBuilder.AddColumn<DateTime>(
                name: "SnoozedUntil",
                table: "ActionItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FollowUpDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Occurrence = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    RecipientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpDeliveries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpDeliveries_SubjectId_Occurrence",
                table: "FollowUpDeliveries",
                columns: new[] { "SubjectId", "Occurrence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpDeliveries");

            migrationBuilder.DropColumn(
                name: "HandedOverAt",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "RemindFrom",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "SnoozedUntil",
                table: "ActionItems");
        }
    }
}
