using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The war room's channel list reads the incidents of all its channels at once; each channel is still shown or hidden
/// by its own latest incident.
/// </summary>
public class ChannelListTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Of_thirty_channels_each_private_one_is_listed_to_its_people_only(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        using var http = app.CreateClient();

        // Channel 3, 6, 9 … hold a private incident, and Bob is let into every second of them; 1, 4, 7 … a public one;
        // the rest only a note. Channel 12 had a private incident closed before a public one was declared there.
        var expectedForBob = new List<string>();
        for (var n = 1; n <= 30; n++)
        {
            var channel = $"room-{n:00}";
            var alice = new WebChatClient(http, channel, "Alice");
            if (n == 12)
            {
                await alice.SendAsync("declare Old private matter sev4 private");
                Assert.False((await alice.SendAsync("resolve Handed to HR")).IsError);
                Assert.False((await alice.SendAsync("close Handed to HR; nothing for us")).IsError);
                await alice.SendAsync("declare Public follow-up sev4");
                expectedForBob.Add(channel);
            }
            else if (n % 3 == 0)
            {
                var declared = await alice.SendAsync($"declare Private matter {n} sev3 private");
                Assert.False(declared.IsError, declared.Text);
                if (n % 6 == 0)
                {
                    Assert.False((await alice.SendAsync("invite @Bob")).IsError);
                    expectedForBob.Add(channel);
                }
            }
            else if (n % 3 == 1)
            {
                Assert.False((await alice.SendAsync($"declare Public matter {n} sev3")).IsError);
                expectedForBob.Add(channel);
            }
            else
            {
                await alice.SendAsync($"note Quiet channel {n}");
                expectedForBob.Add(channel);
            }
        }

        var all = Enumerable.Range(1, 30).Select(n => $"room-{n:00}").ToList();
        Assert.Equal(all, await ListAsync(http, "Alice"));
        Assert.Equal(expectedForBob.Order(), await ListAsync(http, "Bob"));
        Assert.Equal(expectedForBob.Where(c => int.Parse(c[5..], System.Globalization.CultureInfo.InvariantCulture) is var n && (n % 3 != 0 || n == 12)).Order(), await ListAsync(http, "Carol"));
    }

    private static async Task<List<string>> ListAsync(HttpClient http, string user)
    {
        var channels = await http.GetFromJsonAsync<JsonElement>($"/api/webchat/channels?user={user}");
        return channels.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order().ToList();
    }
}
