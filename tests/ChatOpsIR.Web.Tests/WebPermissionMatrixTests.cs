using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>One host for the whole matrix; every case stages its own incident in a war room of its own.</summary>
public sealed class WebPermissionHost : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private ChatOpsAppFactory _app = null!;
    private HttpClient _http = null!;
    private int _rooms;

    public Task InitializeAsync()
    {
        _app = new ChatOpsAppFactory(_database);
        _http = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _database.Dispose();
    }

    public WebChatClient As(string channel, string user) => new(_http, channel, user);

    /// <summary>Alice declares and commands, Olga owns an action item, the post-mortem is started; then the case's setup.</summary>
    public async Task<StagedIncident> StageAsync(GuardedCase guarded)
    {
        var channel = $"perm-{Interlocked.Increment(ref _rooms)}";
        var alice = As(channel, "Alice");
        var declared = await ExpectAsync(alice, "declare Ransomware on FS01 sev3");
        var added = await ExpectAsync(alice, "action @Olga +7d Rotate the service keys");
        await ExpectAsync(alice, "postmortem");
        if (guarded.Setup is { } setup)
        {
            await ExpectAsync(alice, setup);
        }

        return StagedIncident.Parse(channel, declared.Text, added.Text);
    }

    public Task<string> SnapshotAsync(StagedIncident staged) => GuardedCases.SnapshotAsync(_app.Services, TenantScope.Web, staged.Incident);

    /// <summary>The case done by <paramref name="user"/>: the line typed, or the button pressed with the form's answers.</summary>
    public Task<WebReply> DoAsync(GuardedCase guarded, StagedIncident staged, string user)
    {
        var client = As(staged.Channel, user);
        return guarded.IsTyped
            ? client.SendAsync(guarded.TypedLine(staged, "@Zed"))
            : client.PressAsync(guarded.Verb!, guarded.PressData(staged, "@Zed"));
    }

    private static async Task<WebReply> ExpectAsync(WebChatClient client, string line)
    {
        var reply = await client.SendAsync(line);
        Assert.False(reply.IsError, $"'{line}': {reply.Text}");
        return reply;
    }
}

/// <summary>
/// The permission matrix through the web war room's API: every guarded verb, button and form, tried by Bob (no role,
/// owns nothing, no manager), is answered to him only (<c>isPrivate</c>, absent from Alice's messages), says who may,
/// and changes nothing in the database; the allowed do the same and it takes.
/// </summary>
public sealed class WebPermissionMatrixTests(WebPermissionHost host) : IClassFixture<WebPermissionHost>
{
    [Theory]
    [MemberData(nameof(GuardedCases.Names), MemberType = typeof(GuardedCases))]
    public async Task A_bystander_is_refused_privately_with_who_may_and_nothing_changes(string name)
    {
        var guarded = GuardedCases.Named(name);
        var staged = await host.StageAsync(guarded);
        var before = await host.SnapshotAsync(staged);

        var reply = await host.DoAsync(guarded, staged, "Bob");

        var refusal = guarded.Refusal(staged, "Alice", "Olga");
        Assert.True(reply.IsError, reply.Text);
        Assert.True(reply.IsPrivate);
        Assert.Equal(refusal, reply.Text);
        Assert.Equal(before, await host.SnapshotAsync(staged));
        Assert.Contains(await host.As(staged.Channel, "Bob").MessagesAsync(), m => Text(m) == refusal);
        Assert.DoesNotContain(await host.As(staged.Channel, "Alice").MessagesAsync(), m => Text(m) == refusal);
    }

    [Theory]
    [MemberData(nameof(GuardedCases.AllowedNames), MemberType = typeof(GuardedCases))]
    public async Task The_commander_or_the_items_owner_is_not_refused_and_it_takes(string name, bool byOwner)
    {
        var guarded = GuardedCases.Named(name);
        var staged = await host.StageAsync(guarded);
        var before = await host.SnapshotAsync(staged);

        var reply = await host.DoAsync(guarded, staged, byOwner ? "Olga" : "Alice");

        Assert.False(reply.IsError, reply.Text);
        Assert.NotEqual(before, await host.SnapshotAsync(staged));
    }

    private static string Text(JsonNode? message) => message?["text"]?.GetValue<string>() ?? string.Empty;
}
