using System.Net;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Protocol;
using ChatOpsIR.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>The outbound Connector client against the loopback Connector, on a fake clock: throttling, server errors, lost answers, the token cache.</summary>
public sealed class BotConnectorClientTests : IAsyncLifetime
{
    private const string Conversation = "19:abc@thread.tacv2;messageid=1732530000000";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private FakeBotConnector _connector = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:Enabled"] = "true",
            ["Teams:AppId"] = TeamsTestHost.AppId,
            ["Teams:AppPassword"] = "test-only-secret",
            ["Teams:TokenEndpoint"] = _connector.TokenEndpoint,
        }).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(_clock)
            .AddChatOpsTeams()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private BotConnectorClient Client => _services.GetRequiredService<BotConnectorClient>();

    private static OutgoingActivity Message(string text) => new(text);

    /// <summary>Moves the fake clock a second at a time until the task ends; returns how much fake time that took.</summary>
    private async Task<TimeSpan> DriveAsync(Task task, TimeSpan limit)
    {
        var start = _clock.GetUtcNow();
        while (!task.IsCompleted && _clock.GetUtcNow() - start < limit)
        {
            await Task.Delay(5);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(task.IsCompleted, "the call did not finish");
        return _clock.GetUtcNow() - start;
    }

    [Fact]
    public async Task A_post_lands_in_the_conversation_under_the_service_url_with_the_bot_token()
    {
        var id = await Client.SendAsync(_connector.ServiceUrl, Conversation, Message("hello"), CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(id));
        var call = Assert.Single(_connector.Calls);
        Assert.Equal($"/amer/v3/conversations/{Conversation}/activities", call.Path);
        Assert.Contains("19%3Aabc%40thread.tacv2%3Bmessageid%3D1732530000000", call.RawTarget);
        Assert.Equal("hello", call.Text);
        Assert.Equal("message", call.Body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_service_url_without_a_trailing_slash_gets_exactly_one()
    {
        await Client.SendAsync(_connector.ServiceUrl.TrimEnd('/'), Conversation, Message("hello"), CancellationToken.None);
        Assert.Equal($"/amer/v3/conversations/{Conversation}/activities", Assert.Single(_connector.Calls).Path);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_time_the_Connector_asks_for()
    {
        _connector.Script(FakeBotConnector.Status(429, retryAfterSeconds: 30));
        var send = Client.SendAsync(_connector.ServiceUrl, Conversation, Message("throttled"), CancellationToken.None);
        await _connector.WaitForCallsAsync(1);
        var waited = await DriveAsync(send, TimeSpan.FromMinutes(5));
        Assert.False(string.IsNullOrEmpty(await send));
        Assert.Equal(2, _connector.Calls.Count);
        Assert.True(waited >= TimeSpan.FromSeconds(30), $"retried after {waited}");
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_waits_and_then_succeed()
    {
        _connector.Script(FakeBotConnector.Status(503), FakeBotConnector.Status(502));
        var send = Client.SendAsync(_connector.ServiceUrl, Conversation, Message("flaky"), CancellationToken.None);
        var waited = await DriveAsync(send, TimeSpan.FromMinutes(5));
        Assert.False(string.IsNullOrEmpty(await send));
        Assert.Equal(3, _connector.Calls.Count);
        Assert.All(_connector.Calls, c => Assert.Equal("flaky", c.Text));
        Assert.True(waited >= TimeSpan.FromSeconds(3), $"1 s then 2 s of backoff expected, waited {waited}");
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        _connector.Script(Enumerable.Range(0, 10).Select(_ => FakeBotConnector.Status(500)).ToArray());
        var send = Client.SendAsync(_connector.ServiceUrl, Conversation, Message("down"), CancellationToken.None);
        await DriveAsync(send, TimeSpan.FromMinutes(5));
        var error = await Assert.ThrowsAsync<BotConnectorException>(() => send);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(BotConnectorClient.MaxAttempts, _connector.Calls.Count);
    }

    [Fact]
    public async Task A_refused_message_is_not_retried()
    {
        _connector.Script(FakeBotConnector.Status(413));
        var error = await Assert.ThrowsAsync<BotConnectorException>(() => Client.SendAsync(_connector.ServiceUrl, Conversation, Message("too big"), CancellationToken.None));
        Assert.Equal(413, error.StatusCode);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_throttle_asking_for_too_long_a_wait_gives_up_instead_of_holding_the_queue()
    {
        _connector.Script(FakeBotConnector.Status(429, retryAfterSeconds: 3600));
        var error = await Assert.ThrowsAsync<BotConnectorException>(() => Client.SendAsync(_connector.ServiceUrl, Conversation, Message("later"), CancellationToken.None));
        Assert.Equal(429, error.StatusCode);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_post_whose_answer_was_lost_is_not_sent_again()
    {
        _connector.Script(FakeBotConnector.Drop());
        await Assert.ThrowsAsync<BotConnectorException>(() => Client.SendAsync(_connector.ServiceUrl, Conversation, Message("maybe arrived"), CancellationToken.None));
        await Task.Delay(100);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(100);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task The_token_is_reused_until_shortly_before_it_expires()
    {
        await Client.SendAsync(_connector.ServiceUrl, Conversation, Message("one"), CancellationToken.None);
        await Client.SendAsync(_connector.ServiceUrl, Conversation, Message("two"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(50));
        await Client.SendAsync(_connector.ServiceUrl, Conversation, Message("three"), CancellationToken.None);
        Assert.Single(_connector.TokenRequests);

        // The fixture token lives 3599 s; five minutes before the end a new one is fetched.
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Client.SendAsync(_connector.ServiceUrl, Conversation, Message("four"), CancellationToken.None);
        Assert.Equal(2, _connector.TokenRequests.Count);
        Assert.Equal(4, _connector.Calls.Count);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/amer/")]
    [InlineData("file:///etc/")]
    [InlineData("not a url")]
    [InlineData("https://user:pass@smba.example/amer/")]
    public async Task Only_http_service_urls_are_called(string serviceUrl)
    {
        await Assert.ThrowsAsync<BotConnectorException>(() => Client.SendAsync(serviceUrl, Conversation, Message("nowhere"), CancellationToken.None));
        Assert.Empty(_connector.TokenRequests);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Replies_updates_and_new_personal_chats_use_the_Connector_paths()
    {
        await Client.ReplyAsync(_connector.ServiceUrl, Conversation, "1732530420000", Message("reply"), CancellationToken.None);
        await Client.UpdateAsync(_connector.ServiceUrl, Conversation, "1732530420001", Message("updated"), CancellationToken.None);
        var chat = await Client.CreatePersonalConversationAsync(_connector.ServiceUrl, TeamsTestHost.BotId, TeamsTestHost.Alice, TeamsTestHost.Tenant, CancellationToken.None);
        Assert.StartsWith("a:", chat);

        var calls = _connector.Calls;
        Assert.Equal(("POST", $"/amer/v3/conversations/{Conversation}/activities/1732530420000"), (calls[0].Method, calls[0].Path));
        Assert.Equal("1732530420000", calls[0].ReplyToId);
        Assert.Equal(("PUT", $"/amer/v3/conversations/{Conversation}/activities/1732530420001"), (calls[1].Method, calls[1].Path));
        Assert.Equal(("POST", "/amer/v3/conversations"), (calls[2].Method, calls[2].Path));
        Assert.Equal(TeamsTestHost.Alice, calls[2].Body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsTestHost.Tenant, calls[2].Body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.False(calls[2].Body["isGroup"]!.GetValue<bool>());
    }
}
