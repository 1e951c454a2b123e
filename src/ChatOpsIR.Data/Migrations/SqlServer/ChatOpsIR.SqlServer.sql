IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [ConversationAddresses] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [Platform] int NOT NULL,
        [ConversationId] nvarchar(300) NOT NULL,
        [Kind] nvarchar(50) NULL,
        [ServiceEndpoint] nvarchar(2000) NULL,
        [BotId] nvarchar(200) NULL,
        [UserId] nvarchar(200) NULL,
        [UserDirectoryId] nvarchar(200) NULL,
        [TeamId] nvarchar(300) NULL,
        [ChannelId] nvarchar(300) NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ConversationAddresses] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [ConversationMessages] (
        [Id] bigint NOT NULL IDENTITY,
        [Scope] nvarchar(200) NOT NULL,
        [ChannelId] nvarchar(200) NOT NULL,
        [AuthorId] nvarchar(200) NOT NULL,
        [AuthorName] nvarchar(200) NOT NULL,
        [FromBot] bit NOT NULL,
        [IsError] bit NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [CardJson] nvarchar(max) NULL,
        [VisibleToUserId] nvarchar(200) NULL,
        [PostedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ConversationMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [Incidents] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [Number] int NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Severity] int NOT NULL,
        [Status] int NOT NULL,
        [Exercise] int NOT NULL,
        [Platform] int NOT NULL,
        [ChannelId] nvarchar(200) NOT NULL,
        [ChannelName] nvarchar(200) NULL,
        [OpenChannelId] nvarchar(200) NULL,
        [DeclaredAt] datetime2 NOT NULL,
        [DeclaredById] nvarchar(200) NOT NULL,
        [DeclaredByName] nvarchar(200) NOT NULL,
        [ResolvedAt] datetime2 NULL,
        [LastStatus] nvarchar(4000) NULL,
        [LastStatusAt] datetime2 NULL,
        [CaptureChat] bit NOT NULL,
        [FirstActivityAt] datetime2 NULL,
        [DetectedAt] datetime2 NULL,
        [AcknowledgedAt] datetime2 NULL,
        [ContainedAt] datetime2 NULL,
        [EradicatedAt] datetime2 NULL,
        [RecoveredAt] datetime2 NULL,
        [ConcurrencyStamp] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Incidents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [Installations] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [Platform] int NOT NULL,
        [ProtectedSecret] nvarchar(max) NOT NULL,
        [WorkspaceName] nvarchar(200) NULL,
        [BotUserId] nvarchar(200) NULL,
        [Permissions] nvarchar(2000) NULL,
        [InstalledById] nvarchar(200) NULL,
        [InstalledAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Installations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [ProcessedDeliveries] (
        [Scope] nvarchar(200) NOT NULL,
        [DeliveryId] nvarchar(300) NOT NULL,
        [ReplyJson] nvarchar(max) NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ProcessedDeliveries] PRIMARY KEY ([Scope], [DeliveryId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [ActionItems] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [Title] nvarchar(500) NOT NULL,
        [OwnerId] nvarchar(200) NOT NULL,
        [OwnerName] nvarchar(200) NOT NULL,
        [DueDate] date NOT NULL,
        [Kind] int NOT NULL,
        [Reach] int NOT NULL,
        [Status] int NOT NULL,
        [CreatedById] nvarchar(200) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [DoneAt] datetime2 NULL,
        [DoneById] nvarchar(200) NULL,
        CONSTRAINT [PK_ActionItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ActionItems_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [Evidence] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [Number] int NOT NULL,
        [Description] nvarchar(1000) NOT NULL,
        [Sha256] nvarchar(64) NULL,
        [Link] nvarchar(2000) NULL,
        [CollectedById] nvarchar(200) NOT NULL,
        [CollectedByName] nvarchar(200) NOT NULL,
        [CollectedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Evidence] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Evidence_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [IncidentRoles] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [Role] int NOT NULL,
        [UserId] nvarchar(200) NOT NULL,
        [UserName] nvarchar(200) NOT NULL,
        [AssignedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_IncidentRoles] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IncidentRoles_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [PostMortems] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [StartedById] nvarchar(200) NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [State] int NOT NULL,
        [PublishedAt] datetime2 NULL,
        CONSTRAINT [PK_PostMortems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PostMortems_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [TimelineEntries] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [Kind] int NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [AuthorId] nvarchar(200) NOT NULL,
        [AuthorName] nvarchar(200) NOT NULL,
        [Source] int NOT NULL,
        [OccurredAt] datetime2 NOT NULL,
        [RecordedAt] datetime2 NOT NULL,
        [KeyMoment] int NULL,
        [SourceKey] nvarchar(300) NULL,
        CONSTRAINT [PK_TimelineEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TimelineEntries_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE TABLE [CustodyEntries] (
        [Id] uniqueidentifier NOT NULL,
        [EvidenceId] uniqueidentifier NOT NULL,
        [HolderId] nvarchar(200) NOT NULL,
        [HolderName] nvarchar(200) NOT NULL,
        [Action] nvarchar(500) NOT NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_CustodyEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CustodyEntries_Evidence_EvidenceId] FOREIGN KEY ([EvidenceId]) REFERENCES [Evidence] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_ActionItems_IncidentId] ON [ActionItems] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ActionItems_Scope_Number] ON [ActionItems] ([Scope], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_ActionItems_Scope_Status_DueDate] ON [ActionItems] ([Scope], [Status], [DueDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ConversationAddresses_Scope_Platform_ConversationId] ON [ConversationAddresses] ([Scope], [Platform], [ConversationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_ConversationAddresses_Scope_Platform_UserId_Kind] ON [ConversationAddresses] ([Scope], [Platform], [UserId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_ConversationMessages_Scope_ChannelId_Id] ON [ConversationMessages] ([Scope], [ChannelId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_CustodyEntries_EvidenceId] ON [CustodyEntries] ([EvidenceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Evidence_IncidentId_Number] ON [Evidence] ([IncidentId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_IncidentRoles_IncidentId_Role] ON [IncidentRoles] ([IncidentId], [Role]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Incidents_Scope_ChannelId_DeclaredAt] ON [Incidents] ([Scope], [ChannelId], [DeclaredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Incidents_Scope_DeclaredAt] ON [Incidents] ([Scope], [DeclaredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Incidents_Scope_Number] ON [Incidents] ([Scope], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Incidents_Scope_OpenChannelId] ON [Incidents] ([Scope], [OpenChannelId]) WHERE [OpenChannelId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Installations_Scope_Platform] ON [Installations] ([Scope], [Platform]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PostMortems_IncidentId] ON [PostMortems] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_ProcessedDeliveries_ReceivedAt] ON [ProcessedDeliveries] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_TimelineEntries_IncidentId_OccurredAt_RecordedAt] ON [TimelineEntries] ([IncidentId], [OccurredAt], [RecordedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_TimelineEntries_IncidentId_SourceKey] ON [TimelineEntries] ([IncidentId], [SourceKey]) WHERE [SourceKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141052_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125141052_InitialCreate', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    EXEC sp_rename N'[PostMortems].[State]', N'PublishedVersion', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [ChangedSincePublish] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [ConcurrencyStamp] uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [CurrentSection] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [SingleCauseReason] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [StartedByName] nvarchar(200) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [UpdatedAt] datetime2 NOT NULL DEFAULT '0001-01-01T00:00:00.0000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE TABLE [PostMortemAnswers] (
        [Id] uniqueidentifier NOT NULL,
        [PostMortemId] uniqueidentifier NOT NULL,
        [Section] int NOT NULL,
        [Field] nvarchar(100) NOT NULL,
        [Value] nvarchar(4000) NOT NULL,
        [ById] nvarchar(200) NOT NULL,
        [ByName] nvarchar(200) NOT NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_PostMortemAnswers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PostMortemAnswers_PostMortems_PostMortemId] FOREIGN KEY ([PostMortemId]) REFERENCES [PostMortems] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE TABLE [PostMortemFindings] (
        [Id] uniqueidentifier NOT NULL,
        [PostMortemId] uniqueidentifier NOT NULL,
        [Kind] int NOT NULL,
        [Number] int NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [Principles] nvarchar(300) NOT NULL,
        [Enabler] nvarchar(50) NULL,
        [BlameState] int NOT NULL,
        [BlameTerm] nvarchar(200) NULL,
        [BlameSuggestion] nvarchar(1000) NULL,
        [ById] nvarchar(200) NOT NULL,
        [ByName] nvarchar(200) NOT NULL,
        [At] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_PostMortemFindings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PostMortemFindings_PostMortems_PostMortemId] FOREIGN KEY ([PostMortemId]) REFERENCES [PostMortems] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE TABLE [PostMortemSections] (
        [Id] uniqueidentifier NOT NULL,
        [PostMortemId] uniqueidentifier NOT NULL,
        [Section] int NOT NULL,
        [Status] int NOT NULL,
        [SkipReason] nvarchar(1000) NULL,
        [ById] nvarchar(200) NULL,
        [ByName] nvarchar(200) NULL,
        [At] datetime2 NULL,
        CONSTRAINT [PK_PostMortemSections] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PostMortemSections_PostMortems_PostMortemId] FOREIGN KEY ([PostMortemId]) REFERENCES [PostMortems] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE TABLE [PostMortemVersions] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [PostMortemId] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [Version] int NOT NULL,
        [PublishedById] nvarchar(200) NOT NULL,
        [PublishedByName] nvarchar(200) NOT NULL,
        [PublishedAt] datetime2 NOT NULL,
        [QualityOverride] nvarchar(1000) NULL,
        [Markdown] nvarchar(max) NOT NULL,
        [Html] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_PostMortemVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PostMortemVersions_PostMortems_PostMortemId] FOREIGN KEY ([PostMortemId]) REFERENCES [PostMortems] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE INDEX [IX_PostMortems_Scope_UpdatedAt] ON [PostMortems] ([Scope], [UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PostMortemAnswers_PostMortemId_Section_Field] ON [PostMortemAnswers] ([PostMortemId], [Section], [Field]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PostMortemFindings_PostMortemId_Kind_Number] ON [PostMortemFindings] ([PostMortemId], [Kind], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PostMortemSections_PostMortemId_Section] ON [PostMortemSections] ([PostMortemId], [Section]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PostMortemVersions_PostMortemId_Version] ON [PostMortemVersions] ([PostMortemId], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    CREATE INDEX [IX_PostMortemVersions_Scope_IncidentId] ON [PostMortemVersions] ([Scope], [IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125142759_GuidedPostMortem'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125142759_GuidedPostMortem', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222753_FollowUpReminders'
)
BEGIN
    ALTER TABLE [ActionItems] ADD [HandedOverAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222753_FollowUpReminders'
)
BEGIN
    ALTER TABLE [ActionItems] ADD [RemindFrom] datetime2 NOT NULL DEFAULT '0001-01-01T00:00:00.0000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222753_FollowUpReminders'
)
BEGIN
    EXEC(N'UPDATE [ActionItems] SET [RemindFrom] = [CreatedAt]');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222753_FollowUpReminders'
)
BEGIN
    ALTER TABLE [ActionItems] ADD [SnoozedUntil] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222753_FollowUpReminders'
)
BEGIN
    CREATE TABLE [FollowUpDeliveries] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [SubjectId] uniqueidentifier NOT NULL,
        [Occurrence] nvarchar(120) NOT NULL,
        [RecipientId] nvarchar(200) NOT NULL,
        [ClaimedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_FollowUpDeliveries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222753_FollowUpReminders'
)
BEGIN
    CREATE UNIQUE INDEX [IX_FollowUpDeliveries_SubjectId_Occurrence] ON [FollowUpDeliveries] ([SubjectId], [Occurrence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222753_FollowUpReminders'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130222753_FollowUpReminders', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130225954_PlanReviews'
)
BEGIN
    CREATE TABLE [PlanReviews] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [Key] nvarchar(100) NOT NULL,
        [OwnerId] nvarchar(200) NOT NULL,
        [OwnerName] nvarchar(200) NOT NULL,
        [PeriodFrom] datetime2 NOT NULL,
        [PeriodTo] datetime2 NOT NULL,
        [RequestedAt] datetime2 NOT NULL,
        [Status] int NOT NULL,
        [Decision] int NOT NULL,
        [Notes] nvarchar(4000) NULL,
        [ReviewedById] nvarchar(200) NULL,
        [ReviewedByName] nvarchar(200) NULL,
        [ReviewedAt] datetime2 NULL,
        [NextReviewDue] date NULL,
        CONSTRAINT [PK_PlanReviews] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130225954_PlanReviews'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PlanReviews_Scope_Key] ON [PlanReviews] ([Scope], [Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130225954_PlanReviews'
)
BEGIN
    CREATE INDEX [IX_PlanReviews_Status_RequestedAt] ON [PlanReviews] ([Status], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130225954_PlanReviews'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130225954_PlanReviews', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130232217_FollowUpDeliveryLease'
)
BEGIN
    ALTER TABLE [FollowUpDeliveries] ADD [ClaimToken] uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130232217_FollowUpDeliveryLease'
)
BEGIN
    ALTER TABLE [FollowUpDeliveries] ADD [SentAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130232217_FollowUpDeliveryLease'
)
BEGIN
    EXEC(N'UPDATE [FollowUpDeliveries] SET [SentAt] = [ClaimedAt]');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130232217_FollowUpDeliveryLease'
)
BEGIN
    ALTER TABLE [FollowUpDeliveries] ADD [TakeOvers] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130232217_FollowUpDeliveryLease'
)
BEGIN
    ALTER TABLE [FollowUpDeliveries] ADD [Unreachable] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130232217_FollowUpDeliveryLease'
)
BEGIN
    CREATE INDEX [IX_FollowUpDeliveries_ClaimedAt] ON [FollowUpDeliveries] ([ClaimedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130232217_FollowUpDeliveryLease'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130232217_FollowUpDeliveryLease', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202224417_IncidentLifecycle'
)
BEGIN
    ALTER TABLE [TimelineEntries] ADD [AddedAfterResolve] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202224417_IncidentLifecycle'
)
BEGIN
    ALTER TABLE [Incidents] ADD [ClosedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202224417_IncidentLifecycle'
)
BEGIN
    ALTER TABLE [Incidents] ADD [ClosedReason] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202224417_IncidentLifecycle'
)
BEGIN
    ALTER TABLE [Incidents] ADD [TimeZoneId] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202224417_IncidentLifecycle'
)
BEGIN
    EXEC(N'UPDATE i SET [Status] = 2, [ClosedReason] = N''post-mortem published'', [ClosedAt] = p.[PublishedAt]
    FROM [Incidents] i INNER JOIN [PostMortems] p ON p.[IncidentId] = i.[Id] WHERE i.[Status] = 1 AND p.[PublishedVersion] > 0');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202224417_IncidentLifecycle'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202224417_IncidentLifecycle', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202235944_AddWorkItems'
)
BEGIN
    CREATE TABLE [WorkItems] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Platform] nvarchar(20) NOT NULL,
        [RequesterId] nvarchar(200) NOT NULL,
        [RequesterName] nvarchar(200) NOT NULL,
        [RequesterDirectoryId] nvarchar(200) NULL,
        [ChannelId] nvarchar(300) NOT NULL,
        [ChannelName] nvarchar(200) NULL,
        [TimeZoneId] nvarchar(100) NOT NULL,
        [Line] nvarchar(4000) NOT NULL,
        [ReplyAddress] nvarchar(4000) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CompletedAt] datetime2 NULL,
        [Attempts] int NOT NULL,
        [ClaimedAt] datetime2 NULL,
        [ClaimToken] uniqueidentifier NULL,
        [CreatedChannelId] nvarchar(300) NULL,
        [CreatedChannelName] nvarchar(200) NULL,
        [CreatedChannelUrl] nvarchar(2000) NULL,
        CONSTRAINT [PK_WorkItems] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202235944_AddWorkItems'
)
BEGIN
    CREATE INDEX [IX_WorkItems_CompletedAt] ON [WorkItems] ([CompletedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202235944_AddWorkItems'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202235944_AddWorkItems', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062540_PrivateIncidents'
)
BEGIN
    ALTER TABLE [Incidents] ADD [IsPrivate] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062540_PrivateIncidents'
)
BEGIN
    CREATE TABLE [IncidentMembers] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(200) NOT NULL,
        [UserName] nvarchar(200) NOT NULL,
        [AddedById] nvarchar(200) NOT NULL,
        [AddedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_IncidentMembers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IncidentMembers_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062540_PrivateIncidents'
)
BEGIN
    CREATE UNIQUE INDEX [IX_IncidentMembers_IncidentId_UserId] ON [IncidentMembers] ([IncidentId], [UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062540_PrivateIncidents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203062540_PrivateIncidents', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203085302_WebPeople'
)
BEGIN
    CREATE TABLE [WebPeople] (
        [Scope] nvarchar(200) NOT NULL,
        [UserId] nvarchar(200) NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [NameKey] nvarchar(200) NOT NULL,
        [Email] nvarchar(200) NULL,
        [EmailKey] nvarchar(200) NULL,
        [LastSeenAt] datetime2 NOT NULL,
        CONSTRAINT [PK_WebPeople] PRIMARY KEY ([Scope], [UserId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203085302_WebPeople'
)
BEGIN
    CREATE INDEX [IX_WebPeople_Scope_EmailKey] ON [WebPeople] ([Scope], [EmailKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203085302_WebPeople'
)
BEGIN
    CREATE INDEX [IX_WebPeople_Scope_NameKey] ON [WebPeople] ([Scope], [NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203085302_WebPeople'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203085302_WebPeople', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203102448_AuditTrail'
)
BEGIN
    CREATE TABLE [AuditRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [Scope] nvarchar(200) NOT NULL,
        [Sequence] bigint NULL,
        [At] datetime2 NOT NULL,
        [ActorId] nvarchar(200) NOT NULL,
        [ActorName] nvarchar(200) NOT NULL,
        [Platform] nvarchar(20) NOT NULL,
        [Action] nvarchar(100) NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [IncidentId] uniqueidentifier NULL,
        [Before] nvarchar(max) NULL,
        [After] nvarchar(max) NULL,
        [PreviousHash] nchar(64) NULL,
        [Hash] nchar(64) NULL,
        CONSTRAINT [PK_AuditRecords] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203102448_AuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditRecords_IncidentId] ON [AuditRecords] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203102448_AuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditRecords_Scope_Id] ON [AuditRecords] ([Scope], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203102448_AuditTrail'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AuditRecords_Scope_Sequence] ON [AuditRecords] ([Scope], [Sequence]) WHERE [Sequence] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203102448_AuditTrail'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203102448_AuditTrail', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203114739_AccessGrants'
)
BEGIN
    CREATE TABLE [AccessGrants] (
        [Id] uniqueidentifier NOT NULL,
        [IncidentId] uniqueidentifier NOT NULL,
        [Scope] nvarchar(200) NOT NULL,
        [Number] int NOT NULL,
        [GranteeId] nvarchar(200) NOT NULL,
        [GranteeName] nvarchar(200) NOT NULL,
        [What] nvarchar(300) NOT NULL,
        [GrantedById] nvarchar(200) NOT NULL,
        [GrantedByName] nvarchar(200) NOT NULL,
        [GrantedAt] datetime2 NOT NULL,
        [Until] datetime2 NULL,
        [RevokedAt] datetime2 NULL,
        [RevokedById] nvarchar(200) NULL,
        [RevokedByName] nvarchar(200) NULL,
        [RevokeNote] nvarchar(500) NULL,
        CONSTRAINT [PK_AccessGrants] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AccessGrants_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203114739_AccessGrants'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AccessGrants_IncidentId_Number] ON [AccessGrants] ([IncidentId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203114739_AccessGrants'
)
BEGIN
    CREATE INDEX [IX_AccessGrants_RevokedAt_IncidentId] ON [AccessGrants] ([RevokedAt], [IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203114739_AccessGrants'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203114739_AccessGrants', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    DROP INDEX [IX_CustodyEntries_EvidenceId] ON [CustodyEntries];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [ConcurrencyStamp] uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [ContentType] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [FileName] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [FileSize] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [HolderId] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [HolderName] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [SharedById] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [SharedByName] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [State] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [StoredAt] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [SupersededAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [Evidence] ADD [SupersededReason] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [ById] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [ByName] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [FromId] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [FromName] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [Location] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [Note] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [Result] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [Sequence] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [Sha256] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [Step] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [ToId] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    ALTER TABLE [CustodyEntries] ADD [ToName] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CustodyEntries_EvidenceId_Sequence] ON [CustodyEntries] ([EvidenceId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203131006_EvidenceCustody'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203131006_EvidenceCustody', N'10.0.12');
END;

COMMIT;
GO

