using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConversationAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConversationAddresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Platform = table.Column<int>(type: "integer", nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ServiceEndpoint = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    BotId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UserDirectoryId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TeamId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ChannelId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationAddresses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationAddresses_Scope_Platform_ConversationId",
                table: "ConversationAddresses",
                columns: new[] { "Scope", "Platform", "ConversationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationAddresses_Scope_Platform_UserId_Kind",
                table: "ConversationAddresses",
                columns: new[] { "Scope", "Platform", "UserId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationAddresses");
        }
    }
}
