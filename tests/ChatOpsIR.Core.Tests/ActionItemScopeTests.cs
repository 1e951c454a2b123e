using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using static ChatOpsIR.Core.Tests.PermissionWorld;

namespace ChatOpsIR.Core.Tests;

/// <summary>
/// `A7` means an item of the incident where it is used: typed or pressed in another incident's channel it is not there,
/// and in a conversation without an incident (a direct message) typing reaches only one's own items. The refusals say
/// who may act, and the help names the deputy.
/// </summary>
public sealed class ActionItemScopeTests(PermissionWorld world) : IClassFixture<PermissionWorld>
{
    [Fact]
    public async Task An_item_number_of_another_incident_is_not_there_and_nothing_changes()
    {
        var mine = await world.StageAsync();
        var other = await world.StageAsync();
        var before = await world.SnapshotAsync(mine);

        var typed = await world.RunAsync(other.Channel, Alice, $"action done A{mine.Item}");
        var pressed = await world.PressAsync(other.Channel, Alice, ReminderVerbs.Done, new() { [ReminderVerbs.ItemKey] = mine.Item.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(typed.IsError);
        Assert.Equal(ReplyAudience.Caller, typed.Audience);
        Assert.StartsWith($"There is no action item A{mine.Item} in {other.Reference}.", typed.Text);
        Assert.True(pressed.IsError);
        Assert.StartsWith($"There is no action item A{mine.Item} in {other.Reference}.", pressed.Text);
        Assert.Equal(before, await world.SnapshotAsync(mine));
    }

    [Fact]
    public async Task Naming_the_incident_reaches_its_items_from_anywhere()
    {
        var staged = await world.StageAsync();
        var reply = await world.RunAsync("somewhere-else", Olga, $"action {staged.Reference} done A{staged.Item}");
        Assert.False(reply.IsError, reply.Text);
        Assert.Contains($"A{staged.Item}:Done:olga", await world.SnapshotAsync(staged));
    }

    [Fact]
    public async Task In_a_direct_message_typing_closes_only_ones_own_items()
    {
        var staged = await world.StageAsync();
        var before = await world.SnapshotAsync(staged);

        var commander = await world.RunAsync("dm-alice", Alice, $"action done A{staged.Item}");
        Assert.True(commander.IsError);
        Assert.StartsWith($"You have no action item A{staged.Item}.", commander.Text);
        Assert.Equal(before, await world.SnapshotAsync(staged));

        var owner = await world.RunAsync("dm-olga", Olga, $"action done A{staged.Item}");
        Assert.False(owner.IsError, owner.Text);
        Assert.Contains($"A{staged.Item}:Done:olga", await world.SnapshotAsync(staged));
    }

    [Fact]
    public async Task The_commanders_escalation_buttons_work_in_a_direct_message_and_a_bystanders_do_not()
    {
        var staged = await world.StageAsync();
        var item = new Dictionary<string, string> { [ReminderVerbs.ItemKey] = staged.Item.ToString(System.Globalization.CultureInfo.InvariantCulture), [ReminderVerbs.DaysKey] = "1" };

        var bystander = await world.PressAsync("dm-bob", Bob, ReminderVerbs.Snooze, item);
        Assert.Equal($"Only Olga (the owner of A{staged.Item}), the incident commander (Alice), a deputy or an incident manager can snooze A{staged.Item}.", bystander.Text);

        var commander = await world.PressAsync("dm-alice", Alice, ReminderVerbs.Snooze, item);
        Assert.False(commander.IsError, commander.Text);
        Assert.StartsWith($"Snoozed: no reminder about A{staged.Item}", commander.Text);
    }

    [Fact]
    public async Task A_refusal_names_the_commander_the_deputy_and_the_managers()
    {
        var staged = await world.StageAsync();
        var sev = await world.RunAsync(staged.Channel, Bob, "sev 1");
        Assert.Equal($"Only the incident commander (Alice), a deputy or an incident manager can change the severity of {staged.Reference}.", sev.Text);

        var mark = await world.RunAsync(staged.Channel, Olga, "mark contained");
        Assert.Equal($"Only someone with a role in {staged.Reference} (commander, deputy, scribe, comms or lead) or an incident manager can mark key moments of {staged.Reference}.", mark.Text);

        var reassign = await world.PressAsync(staged.Channel, Dave, ReminderVerbs.SaveOwner, new() { [ReminderVerbs.ItemKey] = staged.Item.ToString(System.Globalization.CultureInfo.InvariantCulture), [ReminderVerbs.OwnerInput] = "@Zed" });
        Assert.Equal($"Only Olga (the owner of A{staged.Item}), the incident commander (Alice) or an incident manager can hand A{staged.Item} to someone else.", reassign.Text);
    }

    [Fact]
    public async Task Anyone_in_the_channel_still_adds_notes_evidence_and_action_items()
    {
        var staged = await world.StageAsync();
        var before = await world.SnapshotAsync(staged);
        Assert.False((await world.RunAsync(staged.Channel, Bob, "note EDR alert on FS01")).IsError);
        Assert.False((await world.RunAsync(staged.Channel, Bob, "evidence Memory image of FS01")).IsError);
        Assert.False((await world.RunAsync(staged.Channel, Bob, "action @Bob +3d Check the backups")).IsError);
        Assert.NotEqual(before, await world.SnapshotAsync(staged));
    }

    [Fact]
    public async Task Help_names_the_deputy_role()
    {
        var help = await world.RunAsync("help-room", Bob, "help");
        Assert.Contains("role deputy @person", help.Text);
        var role = await world.RunAsync("help-room", Bob, "help role");
        Assert.Contains("<commander|deputy|scribe|comms|lead>", role.Text);
        var wrong = await world.RunAsync("help-room", Bob, "role boss @Bob");
        Assert.Contains("commander, deputy, scribe, comms and lead", wrong.Text);
    }

    [Fact]
    public void Malformed_manager_groups_are_named_by_their_key()
    {
        var options = new PermissionOptions
        {
            IncidentManagers = new() { Slack = ["S0ABC123", "admins"], Teams = ["not-a-guid", Guid.NewGuid().ToString()], Web = [" "] },
        };
        var errors = options.Validate();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Permissions:IncidentManagers:Slack:1 ('admins')", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Permissions:IncidentManagers:Teams:0 ('not-a-guid')", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Permissions:IncidentManagers:Web:0 is empty", StringComparison.Ordinal));
        Assert.Empty(new PermissionOptions().Validate());
    }
}
