using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WebPeople",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EmailKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebPeople", x => new { x.Scope, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebPeople_Scope_EmailKey",
                table: "WebPeople",
                columns: new[] { "Scope", "EmailKey" });

            migrationBuilder.CreateIndex(
                name: "IX_WebPeople_Scope_NameKey",
                table: "WebPeople",
                columns: new[] { "Scope", "NameKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WebPeople");
        }
    }
}
