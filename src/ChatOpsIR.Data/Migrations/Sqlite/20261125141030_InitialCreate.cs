using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIR.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConversationAddresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Platform = table.Column<int>(type: "INTEGER", nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ServiceEndpoint = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UserDirectoryId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationAddresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConversationMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromBot = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsError = table.Column<bool>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    CardJson = table.Column<string>(type: "TEXT", nullable: true),
                    VisibleToUserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PostedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Exercise = table.Column<int>(type: "INTEGER", nullable: false),
                    Platform = table.Column<int>(type: "INTEGER", nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChannelName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OpenChannelId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DeclaredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeclaredById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeclaredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastStatus = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LastStatusAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CaptureChat = table.Column<bool>(type: "INTEGER", nullable: false),
                    FirstActivityAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DetectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ContainedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EradicatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecoveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Installations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Platform = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: false),
                    WorkspaceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BotUserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Permissions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    InstalledById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InstalledAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Installations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedDeliveries",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeliveryId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ReplyJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedDeliveries", x => new { x.Scope, x.DeliveryId });
                });

            migrationBuilder.CreateTable(
                name: "ActionItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Reach = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionItems_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CollectedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CollectedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CollectedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evidence_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentRoles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentRoles_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostMortems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostMortems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostMortems_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TimelineEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    KeyMoment = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TimelineEntries_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustodyEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvidenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustodyEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustodyEntries_Evidence_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "Evidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_IncidentId",
                table: "ActionItems",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_Scope_Number",
                table: "ActionItems",
                columns: new[] { "Scope", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_Scope_Status_DueDate",
                table: "ActionItems",
                columns: new[] { "Scope", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationAddresses_Scope_Platform_ConversationId",
                table: "ConversationAddresses",
                columns: new[] { "Scope", "Platform", "ConversationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationAddresses_Scope_Platform_UserId_Kind",
                table: "ConversationAddresses",
                columns: new[] { "Scope", "Platform", "UserId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_Scope_ChannelId_Id",
                table: "ConversationMessages",
                columns: new[] { "Scope", "ChannelId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CustodyEntries_EvidenceId",
                table: "CustodyEntries",
                column: "EvidenceId");

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_IncidentId_Number",
                table: "Evidence",
                columns: new[] { "IncidentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentRoles_IncidentId_Role",
                table: "IncidentRoles",
                columns: new[] { "IncidentId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Scope_ChannelId_DeclaredAt",
                table: "Incidents",
                columns: new[] { "Scope", "ChannelId", "DeclaredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Scope_DeclaredAt",
                table: "Incidents",
                columns: new[] { "Scope", "DeclaredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Scope_Number",
                table: "Incidents",
                columns: new[] { "Scope", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Scope_OpenChannelId",
                table: "Incidents",
                columns: new[] { "Scope", "OpenChannelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Installations_Scope_Platform",
                table: "Installations",
                columns: new[] { "Scope", "Platform" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostMortems_IncidentId",
                table: "PostMortems",
                column: "IncidentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcessedDeliveries_ReceivedAt",
                table: "ProcessedDeliveries",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_IncidentId_OccurredAt_RecordedAt",
                table: "TimelineEntries",
                columns: new[] { "IncidentId", "OccurredAt", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_IncidentId_SourceKey",
                table: "TimelineEntries",
                columns: new[] { "IncidentId", "SourceKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionItems");

            migrationBuilder.DropTable(
                name: "ConversationAddresses");

            migrationBuilder.DropTable(
                name: "ConversationMessages");

            migrationBuilder.DropTable(
                name: "CustodyEntries");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "IncidentRoles");

            migrationBuilder.DropTable(
                name: "Installations");

            migrationBuilder.DropTable(
                name: "PostMortems");

            migrationBuilder.DropTable(
                name: "ProcessedDeliveries");

            migrationBuilder.DropTable(
                name: "TimelineEntries");

            migrationBuilder.DropTable(
                name: "Evidence");

            migrationBuilder.DropTable(
                name: "Incidents");
        }
    }
}
