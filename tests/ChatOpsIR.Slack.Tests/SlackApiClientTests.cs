using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsIR.Slack.Tests;

public class SlackApiClientTests
{
    private static SlackApiClient Client(FakeSlackApi fake, TimeProvider clock) =>
        new(new HttpClient(), Options.Create(new SlackOptions { ApiBaseUrl = fake.ApiBaseUrl, ResponseUrlHosts = ["127.0.0.1"] }), clock, NullLogger<SlackApiClient>.Instance);

    private static readonly JsonObject Message = new() { ["text"] = "hello" };

    /// <summary>
    /// A fake clock that knows how many waits the client has started on it, so a test moves the clock only once the
    /// client is waiting (moving it earlier would leave the wait to start afterwards and never end).
    /// </summary>
    private sealed class WaitWatchingClock() : FakeTimeProvider(DateTimeOffset.UnixEpoch)
    {
        private int _waits;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Interlocked.Increment(ref _waits);
            }

            return timer;
        }

        public async Task WaitingAsync(int waits)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref _waits) < waits)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The client did not start wait {waits}.");
                await Task.Delay(10);
            }
        }
    }

    [Fact]
    public async Task A_429_is_honoured_for_exactly_the_retry_after_and_the_message_is_posted_once()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        var clock = new WaitWatchingClock();
        fake.Script("chat.postMessage", () => FakeSlackApi.RateLimited(30));
        var posting = Client(fake, clock).PostMessageAsync("C0001", Message, "xoxb-1", CancellationToken.None);

        await fake.WaitForAsync("chat.postMessage");
        await clock.WaitingAsync(1);
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.Single(fake.CallsTo("chat.postMessage"));
        Assert.False(posting.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        var ts = await posting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(ts);
        Assert.Equal(2, fake.CallsTo("chat.postMessage").Count);
        Assert.Equal("Bearer xoxb-1", fake.CallsTo("chat.postMessage")[1].Authorization);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_waits()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        var clock = new WaitWatchingClock();
        fake.Script("chat.postMessage", () => FakeSlackApi.Status(HttpStatusCode.ServiceUnavailable), () => FakeSlackApi.Status(HttpStatusCode.BadGateway));
        var posting = Client(fake, clock).PostMessageAsync("C0001", Message, "xoxb-1", CancellationToken.None);

        await fake.WaitForAsync("chat.postMessage");
        await clock.WaitingAsync(1);
        clock.Advance(TimeSpan.FromSeconds(1));
        await fake.WaitForAsync("chat.postMessage", 2);
        await clock.WaitingAsync(2);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        Assert.Equal(2, fake.CallsTo("chat.postMessage").Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await posting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, fake.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Persistent_server_errors_end_in_a_clear_error_after_a_bounded_number_of_attempts()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        var clock = new WaitWatchingClock();
        fake.Script("chat.postMessage", Enumerable.Repeat<Func<HttpResponseMessage>>(() => FakeSlackApi.Status(HttpStatusCode.InternalServerError), 10).ToArray());
        var posting = Client(fake, clock).PostMessageAsync("C0001", Message, "xoxb-1", CancellationToken.None);
        for (var i = 1; i < SlackApiClient.MaxAttempts; i++)
        {
            await fake.WaitForAsync("chat.postMessage", i);
            await clock.WaitingAsync(i);
            clock.Advance(TimeSpan.FromSeconds(Math.Pow(2, i - 1)));
        }

        var error = await Assert.ThrowsAsync<SlackApiException>(() => posting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("http_500", error.Error);
        Assert.Equal(SlackApiClient.MaxAttempts, fake.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Ok_false_is_surfaced_with_slacks_error_code_and_not_retried()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Answer("chat.postMessage", _ => new JsonObject { ["ok"] = false, ["error"] = "not_in_channel" });
        var error = await Assert.ThrowsAsync<SlackApiException>(() => Client(fake, new FakeTimeProvider()).PostMessageAsync("C0001", Message, "xoxb-1", CancellationToken.None));
        Assert.Equal("not_in_channel", error.Error);
        Assert.Contains("chat.postMessage", error.Message);
        Assert.Single(fake.CallsTo("chat.postMessage"));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/commands/T1/2/x", "hooks.slack.com", true)]
    [InlineData("http://hooks.slack.com/commands/T1/2/x", "hooks.slack.com", false)]
    [InlineData("https://evil.example/commands", "hooks.slack.com", false)]
    [InlineData("https://hooks.slack.com.evil.example/x", "hooks.slack.com", false)]
    [InlineData("http://127.0.0.1:5000/hooks/x", "127.0.0.1", true)]
    [InlineData("not a url", "hooks.slack.com", false)]
    public void Response_urls_are_limited_to_allowed_hosts(string url, string host, bool allowed) =>
        Assert.Equal(allowed, SlackApiClient.IsAllowedResponseUrl(url, new SlackOptions { ResponseUrlHosts = [host] }));
}
