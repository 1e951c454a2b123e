using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.PostMortems;
using static ChatOpsIR.Core.Tests.PermissionWorld;

namespace ChatOpsIR.Core.Tests;

/// <summary>
/// Every guarded verb, button and form, tried by every kind of person: the allowed change the incident, the others get
/// a private refusal that says who may, and nothing changes (no timeline entry, no saved change).
/// </summary>
public sealed class PermissionMatrixTests(PermissionWorld world) : IClassFixture<PermissionWorld>
{
    private const string CommandTeam = "alice dave mia";
    private const string RoleHolders = "alice dave sam mia";
    private const string ItemPeople = "olga alice dave mia";

    /// <summary>What each verb needs first, what it is, and who may: written out, not derived from the matrix under test.</summary>
    private static readonly Dictionary<string, (string? Setup, string Allowed)> Verbs = new()
    {
        ["resolve"] = (null, CommandTeam),
        ["reopen"] = ("resolve", CommandTeam),
        ["close"] = ("resolve", CommandTeam),
        ["sev"] = (null, CommandTeam),
        ["role"] = (null, CommandTeam),
        ["private"] = (null, CommandTeam),
        ["invite"] = (null, CommandTeam),
        ["mark"] = (null, RoleHolders),
        ["status"] = (null, RoleHolders),
        ["action done"] = (null, ItemPeople),
        ["button done"] = (null, ItemPeople),
        ["button snooze"] = (null, ItemPeople),
        ["form new date"] = (null, ItemPeople),
        ["form reassign"] = (null, "olga alice mia"),
        ["button skip"] = (null, CommandTeam),
        ["form publish"] = (null, CommandTeam),
        ["evidence stored"] = (null, ItemPeople),
        ["evidence transfer"] = (null, ItemPeople),
        ["evidence release"] = (null, ItemPeople),
        ["evidence dispose"] = (null, ItemPeople),
        ["evidence supersede"] = (null, ItemPeople),
        ["form custody step"] = (null, ItemPeople),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var verb in Verbs.Keys)
        {
            foreach (var person in new[] { "alice", "dave", "sam", "olga", "bob", "mia" })
            {
                data.Add(verb, person);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Only_the_people_the_matrix_names_can_do_it_and_a_refusal_changes_nothing(string verb, string person)
    {
        var staged = await world.StageAsync();
        var (setup, allowed) = Verbs[verb];
        if (setup is not null)
        {
            await world.ExpectAsync(staged.Channel, Alice, setup);
        }

        var before = await world.SnapshotAsync(staged);
        var reply = await DoAsync(staged, verb, Person(person));
        var after = await world.SnapshotAsync(staged);

        if (allowed.Split(' ').Contains(person))
        {
            Assert.False(reply.IsError, $"{person} should be able to {verb}: {reply.Text}");
            Assert.NotEqual(before, after);
        }
        else
        {
            Assert.True(reply.IsError, $"{person} should not be able to {verb}: {reply.Text}");
            Assert.Equal(ReplyAudience.Caller, reply.Audience);
            Assert.StartsWith("Only ", reply.Text);
            Assert.Contains("an incident manager", reply.Text);
            Assert.Equal(before, after);
        }
    }

    private Task<BotReply> DoAsync(Testing.StagedIncident staged, string verb, Incidents.ChatUser who)
    {
        var item = new Dictionary<string, string> { [ReminderVerbs.ItemKey] = staged.Item.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var incident = new Dictionary<string, string> { [PostMortemVerbs.IncidentKey] = staged.Incident.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return verb switch
        {
            "resolve" => world.RunAsync(staged.Channel, who, "resolve Restored from backup"),
            "reopen" => world.RunAsync(staged.Channel, who, "reopen Attacker is back"),
            "close" => world.RunAsync(staged.Channel, who, "close False positive"),
            "sev" => world.RunAsync(staged.Channel, who, "sev 1"),
            "role" => world.RunAsync(staged.Channel, who, "role lead @Lee"),
            "private" => world.RunAsync(staged.Channel, who, "make private"),
            "invite" => world.RunAsync(staged.Channel, who, "invite @Lee"),
            "mark" => world.RunAsync(staged.Channel, who, "mark detected"),
            "status" => world.RunAsync(staged.Channel, who, "status Contained; restoring shares"),
            "action done" => world.RunAsync(staged.Channel, who, $"action done A{staged.Item}"),
            "button done" => world.PressAsync(staged.Channel, who, ReminderVerbs.Done, item),
            "button snooze" => world.PressAsync(staged.Channel, who, ReminderVerbs.Snooze, new(item) { [ReminderVerbs.DaysKey] = "7" }),
            "form new date" => world.PressAsync(staged.Channel, who, ReminderVerbs.SaveDate, new(item) { [ReminderVerbs.DueInput] = "+30d" }),
            "form reassign" => world.PressAsync(staged.Channel, who, ReminderVerbs.SaveOwner, new(item) { [ReminderVerbs.OwnerInput] = "@Zed" }),
            "button skip" => world.PressAsync(staged.Channel, who, PostMortemVerbs.Skip, new(incident) { [PostMortemQuestions.Reason] = "Nothing to scope" }),
            "form publish" => world.PressAsync(staged.Channel, who, PostMortemVerbs.Publish, new(incident) { [PostMortemQuestions.Reason] = "Publishing early on purpose" }),
            "evidence stored" => world.RunAsync(staged.Channel, who, "evidence stored E1 Locker 4"),
            "evidence transfer" => world.RunAsync(staged.Channel, who, "evidence transfer E1 @Lee For imaging"),
            "evidence release" => world.RunAsync(staged.Channel, who, "evidence release E1 Returned to the owner"),
            "evidence dispose" => world.RunAsync(staged.Channel, who, "evidence dispose E1 Wiped"),
            "evidence supersede" => world.RunAsync(staged.Channel, who, "evidence supersede E1 Replaced by E2"),
            "form custody step" => world.PressAsync(staged.Channel, who, Incidents.EvidenceVerbs.SaveStep, new(incident)
            {
                [Incidents.EvidenceVerbs.ItemKey] = "1",
                [Incidents.EvidenceVerbs.StepInput] = "dispose",
                [Incidents.EvidenceVerbs.DetailsInput] = "Wiped",
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
        };
    }

    [Fact]
    public void The_matrix_in_code_is_the_one_the_tests_and_the_readme_describe()
    {
        // Every guarded action has a rule, and the actions still to come (private incidents, invitations) are the command team's.
        Assert.Equal(Enum.GetValues<GuardedAction>().Length, PermissionMatrix.Actions.Count);
        Assert.Equal(Grantee.Commander | Grantee.Deputy | Grantee.IncidentManager, PermissionMatrix.Who(GuardedAction.MakePrivate));
        Assert.Equal(Grantee.Commander | Grantee.Deputy | Grantee.IncidentManager, PermissionMatrix.Who(GuardedAction.Invite));
        Assert.False(PermissionMatrix.Who(GuardedAction.ReassignActionItem).HasFlag(Grantee.Deputy));
        var readme = File.ReadAllText(Testing.RepoPaths.File("README.md"));
        Assert.Contains("## Who may do what", readme);
        Assert.Contains("role deputy @person", readme);
    }
}
