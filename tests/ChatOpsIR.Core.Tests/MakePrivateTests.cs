using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using static ChatOpsIR.Core.Tests.PermissionWorld;

namespace ChatOpsIR.Core.Tests;

/// <summary>
/// `private` on an incident already running, and the owners of its action items: who stays in, who is let in, and what
/// everyone else is told.
/// </summary>
public sealed class MakePrivateTests(PermissionWorld world) : IClassFixture<PermissionWorld>
{
    [Fact]
    public async Task Its_people_and_the_owners_of_its_open_items_stay_in_and_everyone_else_finds_nothing()
    {
        var staged = await world.StageAsync();
        var elsewhere = "elsewhere-" + staged.Channel;

        // Dave, the deputy, asks by reference from another channel.
        var made = await world.ExpectAsync(elsewhere, Dave, $"private {staged.Reference}");
        Assert.Equal(ReplyAudience.Channel, made.Audience);
        Assert.Equal($"{staged.Reference} is now private, made so by Dave.", made.Text);
        var card = Read(made);
        Assert.Contains("Dave made this incident private", card);
        Assert.Contains("Kept in as owners of open action items: Olga.", card);

        foreach (var person in new[] { Alice, Dave, Sam, Olga })
        {
            var read = await world.RunAsync(elsewhere, person, $"timeline {staged.Reference}");
            Assert.False(read.IsError, $"{person.DisplayName}: {read.Text}");
        }

        var bob = await world.RunAsync(elsewhere, Bob, $"timeline {staged.Reference}");
        Assert.Equal($"There is no {staged.Reference} here. Incident references are counted per workspace.", bob.Text);
        var inChannel = await world.RunAsync(staged.Channel, Bob, "note I was here");
        Assert.True(inChannel.IsError);
        Assert.DoesNotContain("Ransomware", inChannel.Text);

        // Mia, an incident manager, still sees it; asked again, it is already private.
        var again = await world.RunAsync(staged.Channel, Mia, "private");
        Assert.False(again.IsError);
        Assert.Equal(ReplyAudience.Caller, again.Audience);
        Assert.Equal($"{staged.Reference} is already private.", again.Text);
    }

    [Fact]
    public async Task A_closed_incident_is_reopened_first_and_a_refusal_changes_nothing()
    {
        var staged = await world.StageAsync();
        await world.ExpectAsync(staged.Channel, Alice, "resolve");
        await world.ExpectAsync(staged.Channel, Alice, "close Handled elsewhere");
        var before = await world.SnapshotAsync(staged);

        var closed = await world.RunAsync(staged.Channel, Alice, "private");
        Assert.True(closed.IsError);
        Assert.Contains("is closed", closed.Text);
        Assert.Contains($"reopen {staged.Reference}", closed.Text);
        Assert.Equal(before, await world.SnapshotAsync(staged));
        Assert.False((await world.RunAsync("another-" + staged.Channel, Bob, $"timeline {staged.Reference}")).IsError);
    }

    [Fact]
    public async Task An_owner_given_an_item_of_a_private_incident_is_let_in_with_a_timeline_line()
    {
        var staged = await world.StageAsync();
        await world.ExpectAsync(staged.Channel, Alice, "private");
        var elsewhere = "elsewhere-" + staged.Channel;
        Assert.True((await world.RunAsync(elsewhere, Bob, $"timeline {staged.Reference}")).IsError);

        var added = await world.ExpectAsync(staged.Channel, Alice, "action @Bob +3d Collect the badge logs");
        Assert.Contains("Bob was let into this private incident as the owner of", added.Text);
        var timeline = await world.ExpectAsync(elsewhere, Bob, $"timeline {staged.Reference}");
        Assert.Contains("Bob was let into this private incident as the owner of", Read(timeline));

        // Handed over from a reminder's Reassign, the new owner is let in too.
        var item = new Dictionary<string, string> { [ReminderVerbs.ItemKey] = staged.Item.ToString(System.Globalization.CultureInfo.InvariantCulture), [ReminderVerbs.OwnerInput] = "@Sam" };
        var handed = await world.PressAsync(staged.Channel, Olga, ReminderVerbs.SaveOwner, new(item) { [ReminderVerbs.OwnerInput] = "@Zed" });
        Assert.False(handed.IsError, handed.Text);
        var zed = new Incidents.ChatUser("zed", "Zed");
        Assert.False((await world.RunAsync(elsewhere, zed, $"timeline {staged.Reference}")).IsError);
    }

    /// <summary>Everything a person reads in a reply: its text and its card's texts, list lines and facts.</summary>
    private static string Read(BotReply reply) => string.Join("\n", new[] { reply.Text }.Concat((reply.Card?.Body ?? []).SelectMany(Lines)));

    private static IEnumerable<string> Lines(Cards.CardElement element) => element switch
    {
        Cards.TextElement t => [t.Text],
        Cards.ListElement l => l.Items.Select(i => $"{i.Label} {i.Text} {i.Detail}"),
        Cards.FactsElement f => f.Facts.Select(x => $"{x.Title}: {x.Value}"),
        _ => [],
    };
}
