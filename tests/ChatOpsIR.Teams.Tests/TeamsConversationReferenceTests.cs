using System.Text.Json.Nodes;
using ChatOpsIR.Teams.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// Every activity brings its conversation's reference along; it is written only when it says something new. A host of
/// its own: the test moves the clock.
/// </summary>
public sealed class TeamsConversationReferenceTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private const string Channel = "reference-writes";

    private static string Conversation => $"{TeamsTestHost.ChannelId(Channel)};messageid=1732530000000";

    /// <summary>A channel message not addressed to the bot: nothing is posted back, so any serviceUrl will do.</summary>
    private JsonObject Chat(string serviceUrl)
    {
        var activity = host.Mention(Channel, "ignored");
        activity["text"] = "the EDR console is slow today";
        activity["entities"] = new JsonArray();
        activity["serviceUrl"] = serviceUrl;
        return activity;
    }

    private async Task<ConversationReference> StoredAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().FindAsync(TeamsTestHost.Tenant, Conversation, CancellationToken.None);
        return Assert.IsType<ConversationReference>(stored);
    }

    [Fact]
    public async Task Two_identical_activities_write_the_reference_once_and_a_new_serviceUrl_writes_it_again()
    {
        await host.SendOkAsync(Chat(host.Connector.ServiceUrl));
        var first = await StoredAsync();
        Assert.Equal(host.Connector.ServiceUrl, first.ServiceUrl);

        // Past the address book's hourly refresh of the last-seen time: a write would show as a later time.
        host.App.Clock.Advance(TimeSpan.FromHours(2));
        await host.SendOkAsync(Chat(host.Connector.ServiceUrl));
        Assert.Equal(first, await StoredAsync());

        var moved = host.Connector.ServiceUrl.Replace("/amer/", "/emea/", StringComparison.Ordinal);
        await host.SendOkAsync(Chat(moved));
        var second = await StoredAsync();
        Assert.Equal(moved, second.ServiceUrl);
        Assert.Equal(first.UpdatedAt + TimeSpan.FromHours(2), second.UpdatedAt);
    }
}
