using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FollowUpDeliveryLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "FollowUpDeliveries",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTime>(
                name: "SentAt",
                table: "FollowUpDeliveries",
                type: "datetime2",
                nullable: true);

            // Deliveries recorded before this migration were claimed and sent in one go (at most once): they count as sent.
            // In EXEC, so the reviewed script's batch compiles before the column exists.
            migrationBuilder.Sql(@"EXEC(N'UPDATE [FollowUpDeliveries] SET [SentAt] = [ClaimedAt]');");

            migrationBuilder.AddColumn<int>(
                name: "TakeOvers",
                table: "FollowUpDeliveries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Unreachable",
                table: "FollowUpDeliveries",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpDeliveries_ClaimedAt",
                table: "FollowUpDeliveries",
                column: "ClaimedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FollowUpDeliveries_ClaimedAt",
                table: "FollowUpDeliveries");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "FollowUpDeliveries");

            migrationBuilder.DropColumn(
                name: "SentAt",
                table: "FollowUpDeliveries");

            migrationBuilder.DropColumn(
                name: "TakeOvers",
                table: "FollowUpDeliveries");

            migrationBuilder.DropColumn(
                name: "Unreachable",
                table: "FollowUpDeliveries");
        }
    }
}
