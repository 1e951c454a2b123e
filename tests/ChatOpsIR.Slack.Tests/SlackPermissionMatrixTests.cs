using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>
/// One Slack host for the whole matrix, each case in a channel of its own: alice (U0001) declares and commands, olga
/// (U0005) owns an action item, bob (U0002) has no part in it, and zed (U0009) is the outsider named in roles and forms.
/// </summary>
public sealed class SlackPermissionHost : IAsyncLifetime
{
    public const string Alice = "U0001";
    public const string Bob = "U0002";
    public const string Olga = "U0005";
    public const string Zed = "U0009";

    private static readonly Dictionary<string, string> Names = new() { [Alice] = "alice", [Bob] = "bob", [Olga] = "olga", [Zed] = "zed" };

    private int _channels;
    private int _presses;

    public SlackApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await SlackApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>How Slack writes zed in a command line.</summary>
    public static string ZedMention => $"<@{Zed}|zed>";

    /// <summary>The declared incident, its item and its post-mortem, then the case's setup; returns it with the declare card.</summary>
    public async Task<(StagedIncident Staged, JsonObject Declared)> StageAsync(GuardedCase guarded)
    {
        var channel = $"CPERM{Interlocked.Increment(ref _channels):0000}";
        var declared = await ExpectAsync(channel, "declare Ransomware on FS01 sev3");
        var added = await ExpectAsync(channel, $"action <@{Olga}|olga> +7d Rotate the service keys");
        await ExpectAsync(channel, "postmortem");
        if (guarded.Setup is { } setup)
        {
            await ExpectAsync(channel, setup);
        }

        return (StagedIncident.Parse(channel, SlackApp.Text(declared), SlackApp.Text(added)), declared);
    }

    public Task<string> SnapshotAsync(StagedIncident staged) => GuardedCases.SnapshotAsync(App.App.Services, TenantScope.Slack("T0001"), staged.Incident);

    /// <summary>`/ir {line}` typed by <paramref name="user"/> in <paramref name="channel"/>; the HTTP answer.</summary>
    public async Task<JsonObject> CommandAsync(string channel, string user, string line)
    {
        using var response = await App.SendCommandAsync(SlackApp.Command(line, channel: channel, user: user, extra: new Dictionary<string, string> { ["user_name"] = Names[user] }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A button of a message in the channel pressed: the value Block Kit gives it, a fresh trigger and response_url.</summary>
    public async Task<string> PressAsync(string channel, string user, string verb, IReadOnlyDictionary<string, string> data)
    {
        var press = Interlocked.Increment(ref _presses);
        var value = new JsonObject { ["verb"] = verb };
        foreach (var (key, text) in data)
        {
            value[key] = text;
        }

        using var response = await App.SendInteractionAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = User(user),
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1732530000.000001", ["channel_id"] = channel },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "incident-war-room" },
            ["trigger_id"] = $"{press}.1.permissions",
            ["response_url"] = App.Slack.ResponseUrl($"actions/perm-{press}"),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = $"b0.{verb}",
                ["value"] = value.ToJsonString(),
                ["action_ts"] = "1732530060.123456",
            }),
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        return $"/hooks/actions/perm-{press}";
    }

    /// <summary>What a press answered through its response_url (not a replacement of the pressed card).</summary>
    public async Task<JsonObject> AnswerAsync(string hook) =>
        (await App.Slack.WaitForAsync("hooks", c => c.Path == hook && c.Body["replace_original"]?.GetValue<bool>() != true))[^1].Body;

    /// <summary>A button that asks in a modal, pressed by <paramref name="user"/>: the modal Slack was asked to open.</summary>
    public async Task<JsonObject> OpenAsync(string channel, string user, string verb, IReadOnlyDictionary<string, string> data)
    {
        var before = App.Slack.CallsTo("views.open").Count;
        await PressAsync(channel, user, verb, data);
        var opened = App.Slack.CallsTo("views.open");
        Assert.True(opened.Count == before + 1, $"Pressing {verb} opened no modal.");
        return opened[^1].Body["view"]!.AsObject();
    }

    /// <summary>The modal submitted by <paramref name="user"/> with these answers, each in the state shape of its element; Slack's HTTP answer.</summary>
    public async Task<string> SubmitAsync(JsonObject view, string user, IReadOnlyDictionary<string, string> answers)
    {
        using var response = await App.SendInteractionAsync(SlackModalState.Submission(view, User(user), answers).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A form's answers as Slack's inputs send them: a date from the picker, a person from the user picker.</summary>
    public Dictionary<string, string> SlackAnswers(GuardedCase guarded, StagedIncident staged) =>
        guarded.PressData(staged, Zed).Where(a => guarded.Answers.ContainsKey(a.Key)).ToDictionary(
            a => a.Key,
            a => a.Key == ReminderVerbs.DueInput ? App.App.Clock.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : a.Value);

    private async Task<JsonObject> ExpectAsync(string channel, string line)
    {
        var answer = await CommandAsync(channel, Alice, line);
        Assert.True(answer["response_type"]?.GetValue<string>() == "in_channel", $"'{line}': {SlackApp.Text(answer)}");
        return answer;
    }

    private static JsonObject User(string id) => new() { ["id"] = id, ["username"] = Names[id], ["name"] = Names[id], ["team_id"] = "T0001" };
}

/// <summary>
/// The permission matrix through Slack's real requests: every guarded slash command, button and modal, tried by bob
/// (no role, owns nothing, no manager). A command's refusal is its ephemeral answer, a button's comes ephemeral through
/// its response_url (the pressed card stays), a modal's is an error shown in the modal; each says who may, nothing is
/// posted to the channel, and nothing changes in the database. The allowed do the same and it takes.
/// </summary>
public sealed class SlackPermissionMatrixTests(SlackPermissionHost host) : IClassFixture<SlackPermissionHost>
{
    [Theory]
    [MemberData(nameof(GuardedCases.Names), MemberType = typeof(GuardedCases))]
    public async Task A_bystander_is_refused_privately_with_who_may_and_nothing_changes(string name)
    {
        var guarded = GuardedCases.Named(name);
        var (staged, declared) = await host.StageAsync(guarded);
        var form = await OpenFormAsync(guarded, staged);
        var before = await host.SnapshotAsync(staged);
        var refusal = guarded.Refusal(staged, "alice", "olga");

        if (guarded.IsTyped)
        {
            var answer = await host.CommandAsync(staged.Channel, SlackPermissionHost.Bob, guarded.TypedLine(staged, SlackPermissionHost.ZedMention));
            Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
            Assert.Contains(refusal, SlackApp.Text(answer));
        }
        else if (form is not null)
        {
            // The modal stays open with the refusal under its first field, where only bob sees it.
            var answer = JsonNode.Parse(await host.SubmitAsync(form, SlackPermissionHost.Bob, host.SlackAnswers(guarded, staged)))!;
            Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
            Assert.Equal(refusal, Assert.Single(answer["errors"]!.AsObject()).Value!.GetValue<string>());
        }
        else
        {
            if (name == "resolve button")
            {
                Assert.Contains("\"line\":\"resolve " + staged.Reference + "\"", SlackApp.Text(declared));
            }

            var opened = host.App.Slack.CallsTo("views.open").Count;
            var hook = await host.PressAsync(staged.Channel, SlackPermissionHost.Bob, guarded.Verb!, guarded.ButtonData(staged));
            var answer = await host.AnswerAsync(hook);
            Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
            Assert.False(answer["replace_original"]!.GetValue<bool>());
            Assert.Contains(refusal, SlackApp.Text(answer));
            Assert.Equal(opened, host.App.Slack.CallsTo("views.open").Count);
            Assert.DoesNotContain(host.App.Slack.CallsTo("hooks"), c => c.Path == hook && c.Body["replace_original"]?.GetValue<bool>() == true);
        }

        Assert.Equal(before, await host.SnapshotAsync(staged));
        Assert.DoesNotContain(host.App.Slack.Calls, c => c.Method is "chat.postMessage" or "chat.update" && SlackApp.Text(c.Body).Contains(refusal, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GuardedCases.AllowedNames), MemberType = typeof(GuardedCases))]
    public async Task The_commander_or_the_items_owner_is_not_refused_and_it_takes(string name, bool byOwner)
    {
        var guarded = GuardedCases.Named(name);
        var (staged, _) = await host.StageAsync(guarded);
        var form = await OpenFormAsync(guarded, staged);
        var before = await host.SnapshotAsync(staged);
        var user = byOwner ? SlackPermissionHost.Olga : SlackPermissionHost.Alice;

        if (guarded.IsTyped)
        {
            var answer = await host.CommandAsync(staged.Channel, user, guarded.TypedLine(staged, SlackPermissionHost.ZedMention));
            Assert.Equal("in_channel", answer["response_type"]!.GetValue<string>());
        }
        else if (form is not null)
        {
            Assert.Equal(string.Empty, await host.SubmitAsync(form, user, host.SlackAnswers(guarded, staged)));
        }
        else
        {
            var answer = await host.AnswerAsync(await host.PressAsync(staged.Channel, user, guarded.Verb!, guarded.ButtonData(staged)));
            Assert.DoesNotContain("Only ", SlackApp.Text(answer), StringComparison.Ordinal);
        }

        Assert.NotEqual(before, await host.SnapshotAsync(staged));
    }

    /// <summary>
    /// A form is a modal on Slack, and the product opens it only for someone allowed: here the item's owner (or, for the
    /// post-mortem, the commander) opens it, and bob submits it as he would a modal kept from before he lost the right,
    /// or a forged one. Null for a case without a form.
    /// </summary>
    private async Task<JsonObject?> OpenFormAsync(GuardedCase guarded, StagedIncident staged)
    {
        if (!guarded.IsForm)
        {
            return null;
        }

        var opener = CardVerbs.FamilyOf(guarded.Verb!) == ReminderVerbs.Family ? SlackPermissionHost.Olga : SlackPermissionHost.Alice;
        var view = await host.OpenAsync(staged.Channel, opener, guarded.Opener!, guarded.ButtonData(staged));
        Assert.Equal(guarded.Verb, view["callback_id"]!.GetValue<string>());
        return view;
    }
}
