using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Core.Tests;

/// <summary>
/// The whole host on a real SQLite database, with the web war room's incident managers configured, and the cast of the
/// permission tests: Alice declares and commands, Dave is her deputy, Sam the scribe, Olga owns an action item, Bob only
/// watches, and Mia belongs to the incident managers' group.
/// </summary>
public sealed class PermissionWorld : IAsyncLifetime
{
    public const string ManagersGroup = "ir-managers";

    public static readonly ChatUser Alice = new("alice", "Alice");
    public static readonly ChatUser Dave = new("dave", "Dave");
    public static readonly ChatUser Sam = new("sam", "Sam");
    public static readonly ChatUser Olga = new("olga", "Olga");
    public static readonly ChatUser Bob = new("bob", "Bob");
    public static readonly ChatUser Mia = new("mia", "Mia");

    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private ChatOpsAppFactory _app = null!;

    /// <summary>The host's services, to read back what a command left in the database.</summary>
    public IServiceProvider Services => _app.Services;

    public static ChatUser Person(string id) => new[] { Alice, Dave, Sam, Olga, Bob, Mia }.Single(p => p.Id == id);

    public Task InitializeAsync()
    {
        _app = new ChatOpsAppFactory(_database);
        _app.Settings["Permissions:IncidentManagers:Web:0"] = ManagersGroup;
        _ = _app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    public static CommandContext Context(string channel, ChatUser who) => new(TenantScope.Web, Platform.Web, channel, who)
    {
        DirectoryGroups = who == Mia ? new HashSet<string> { ManagersGroup } : new HashSet<string>(),
    };

    public async Task<BotReply> RunAsync(string channel, ChatUser who, string line)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommandService>().ExecuteAsync(Context(channel, who), line, CancellationToken.None);
    }

    public async Task<BotReply> PressAsync(string channel, ChatUser who, string verb, Dictionary<string, string> data)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommandService>().ExecuteActionAsync(Context(channel, who), verb, data, CancellationToken.None);
    }

    /// <summary>An incident in a channel of its own: Alice commands, Dave is deputy, Sam scribe, Olga owns an item and holds E1; the post-mortem is started.</summary>
    public async Task<StagedIncident> StageAsync()
    {
        var channel = "war-" + Guid.NewGuid().ToString("N")[..8];
        var declared = await RunAsync(channel, Alice, "declare Ransomware on FS01 sev3");
        await ExpectAsync(channel, Alice, "role deputy @Dave");
        await ExpectAsync(channel, Alice, "role scribe @Sam");
        var added = await ExpectAsync(channel, Alice, "action @Olga +7d Rotate the service keys");
        await ExpectAsync(channel, Olga, "evidence Memory image of FS01");
        await ExpectAsync(channel, Alice, "postmortem");
        return StagedIncident.Parse(channel, declared.Text, added.Text);
    }

    public async Task<BotReply> ExpectAsync(string channel, ChatUser who, string line)
    {
        var reply = await RunAsync(channel, who, line);
        Assert.False(reply.IsError, $"'{line}' by {who.DisplayName}: {reply.Text}");
        return reply;
    }

    /// <summary>Everything a guarded action could change, read back from the database.</summary>
    public Task<string> SnapshotAsync(StagedIncident staged) => GuardedCases.SnapshotAsync(_app.Services, TenantScope.Web, staged.Incident);
}
