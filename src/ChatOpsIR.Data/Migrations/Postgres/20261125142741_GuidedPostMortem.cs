using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GuidedPostMortem : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "State",
                table: "PostMortems",
                newName: "PublishedVersion");

            migrationBuilder.AddColumn<bool>(
                name: "ChangedSincePublish",
                table: "PostMortems",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "ConcurrencyStamp",
                table: "PostMortems",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "CurrentSection",
                table: "PostMortems",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SingleCauseReason",
                table: "PostMortems",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByName",
                table: "PostMortems",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "PostMortems",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "PostMortemAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PostMortemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Section = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ById = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostMortemAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostMortemAnswers_PostMortems_PostMortemId",
                        column: x => x.PostMortemId,
                        principalTable: "PostMortems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostMortemFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PostMortemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Principles = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Enabler = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    BlameState = table.Column<int>(type: "integer", nullable: false),
                    BlameTerm = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BlameSuggestion = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ById = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostMortemFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostMortemFindings_PostMortems_PostMortemId",
                        column: x => x.PostMortemId,
                        principalTable: "PostMortems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostMortemSections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PostMortemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Section = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    SkipReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ById = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostMortemSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostMortemSections_PostMortems_PostMortemId",
                        column: x => x.PostMortemId,
                        principalTable: "PostMortems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostMortemVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PostMortemId = table.Column<Guid>(type: "uuid", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PublishedById = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PublishedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    QualityOverride = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Markdown = table.Column<string>(type: "text", nullable: false),
                    Html = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostMortemVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostMortemVersions_PostMortems_PostMortemId",
                        column: x => x.PostMortemId,
                        principalTable: "PostMortems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PostMortems_Scope_UpdatedAt",
                table: "PostMortems",
                columns: new[] { "Scope", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PostMortemAnswers_PostMortemId_Section_Field",
                table: "PostMortemAnswers",
                columns: new[] { "PostMortemId", "Section", "Field" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostMortemFindings_PostMortemId_Kind_Number",
                table: "PostMortemFindings",
                columns: new[] { "PostMortemId", "Kind", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostMortemSections_PostMortemId_Section",
                table: "PostMortemSections",
                columns: new[] { "PostMortemId", "Section" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostMortemVersions_PostMortemId_Version",
                table: "PostMortemVersions",
                columns: new[] { "PostMortemId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostMortemVersions_Scope_IncidentId",
                table: "PostMortemVersions",
                columns: new[] { "Scope", "IncidentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PostMortemAnswers");

            migrationBuilder.DropTable(
                name: "PostMortemFindings");

            migrationBuilder.DropTable(
                name: "PostMortemSections");

            migrationBuilder.DropTable(
                name: "PostMortemVersions");

            migrationBuilder.DropIndex(
                name: "IX_PostMortems_Scope_UpdatedAt",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "ChangedSincePublish",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "CurrentSection",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "SingleCauseReason",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "StartedByName",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "PostMortems");

            migrationBuilder.RenameColumn(
                name: "PublishedVersion",
                table: "PostMortems",
                newName: "State");
        }
    }
}
