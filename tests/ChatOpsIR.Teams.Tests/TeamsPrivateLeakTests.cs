namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// A Teams incident made private with `private`: the answer is honest that a standard channel stays open to the team, and
/// someone who is not in the incident learns nothing more of it through any other verb, by reference or in its channel.
/// </summary>
public sealed class TeamsPrivateLeakTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private const string Title = "Invoices forwarded to a personal mailbox";

    private static string Letters(string line) => string.Concat(line.Where(char.IsLetter));

    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    private async Task<string> MakePrivateAsync(string channel)
    {
        await host.SendOkAsync(host.Mention(channel, $"declare {Title} sev2"));
        await host.IdleAsync();
        await host.SendOkAsync(host.Mention(channel, "private"));
        await host.IdleAsync();
        return (await host.IncidentAsync(channel)).Incident!.Reference;
    }

    /// <summary>What Bob is answered to <paramref name="line"/> typed in <paramref name="channel"/>: the posts it adds there.</summary>
    private async Task<string> BobAsksAsync(string channel, string line)
    {
        var before = host.PostsTo(Thread(channel)).Count;
        await host.SendOkAsync(host.Mention(channel, line, TeamsTestHost.Bob));
        await host.IdleAsync();
        var posts = host.PostsTo(Thread(channel)).Skip(before).ToList();
        Assert.NotEmpty(posts);
        return string.Join("\n", posts.Select(p => p.Body.ToJsonString()));
    }

    [Fact]
    public async Task Making_it_private_says_the_standard_channel_stays_open_to_the_team()
    {
        const string channel = "leak-made";
        var reference = await MakePrivateAsync(channel);

        var (incident, timeline) = await host.IncidentAsync(channel);
        Assert.True(incident!.IsPrivate);
        Assert.Contains(timeline, e => e.Text.StartsWith("Alice Example made this incident private", StringComparison.Ordinal));
        var answer = string.Join("\n", host.PostsTo(Thread(channel)).Select(p => p.Body.ToJsonString()));
        Assert.Contains($"{reference} is now private", answer);
        Assert.Contains("stays open to everyone in the team", answer);
    }

    [Theory]
    [InlineData("timeline {0}")]
    [InlineData("status {0} Contained")]
    [InlineData("note {0} I was here")]
    [InlineData("actions {0}")]
    [InlineData("report {0}")]
    [InlineData("postmortem status {0}")]
    [InlineData("mark {0} detected")]
    [InlineData("sev {0} 1")]
    [InlineData("invite {0} @Bob")]
    [InlineData("action {0} done A1")]
    public async Task Someone_not_in_it_is_told_there_is_no_such_incident_by_reference(string line)
    {
        var source = "leak-src-" + Letters(line);
        var reference = await MakePrivateAsync(source);
        await BobLearnsNothingAsync(source, "leak-elsewhere", string.Format(System.Globalization.CultureInfo.InvariantCulture, line, reference), $"There is no {reference} here");
    }

    [Theory]
    [InlineData("timeline")]
    [InlineData("status Contained")]
    [InlineData("note I was here")]
    [InlineData("actions")]
    [InlineData("postmortem status")]
    [InlineData("action done A1")]
    public async Task Someone_not_in_it_is_told_only_that_it_is_private_in_the_open_channel(string line)
    {
        var channel = "leak-here-" + Letters(line);
        await MakePrivateAsync(channel);
        await BobLearnsNothingAsync(channel, channel, line, "private");
    }

    /// <summary>Bob asks in <paramref name="askIn"/>: told <paramref name="told"/>, nothing of the incident's title or people, and nothing changes.</summary>
    private async Task BobLearnsNothingAsync(string incidentChannel, string askIn, string line, string told)
    {
        var before = (await host.IncidentAsync(incidentChannel)).Timeline.Count;

        var seen = await BobAsksAsync(askIn, line);

        Assert.Contains(told, seen);
        Assert.DoesNotContain("Invoices", seen);
        Assert.DoesNotContain("Alice", seen);
        Assert.Equal(before, (await host.IncidentAsync(incidentChannel)).Timeline.Count);
    }

    [Theory]
    [InlineData("composeExtension/fetchTask")]
    [InlineData("composeExtension/submitAction")]
    public async Task Someone_not_in_it_cannot_add_a_message_with_the_message_action_and_is_not_told_its_reference(string invoke)
    {
        var channel = "leak-capture-" + Letters(invoke).ToLowerInvariant();
        var reference = await MakePrivateAsync(channel);
        var entries = (await host.IncidentAsync(channel)).Timeline.Count;

        // The fixture's presser is Bob, who is in the channel but not in the incident.
        var activity = host.Fixture("invoke-compose-extension-submit-action.json");
        activity["id"] = $"f:{host.NextActivityId()}";
        activity["name"] = invoke;
        activity["conversation"]!["id"] = $"{TeamsTestHost.ChannelId(channel)};messageid=1732529000000";
        activity["channelData"]!["channel"]!["id"] = TeamsTestHost.ChannelId(channel);
        using var response = await host.SendAsync(activity);
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        await host.IdleAsync();

        Assert.Equal("message", answer["task"]!["type"]!.GetValue<string>());
        Assert.StartsWith("This channel's incident is private", answer["task"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(reference, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(entries, (await host.IncidentAsync(channel)).Timeline.Count);
    }

    [Fact]
    public async Task Its_own_people_naming_it_in_another_channel_are_told_to_use_its_channel_or_a_one_to_one_chat()
    {
        const string channel = "leak-shared";
        var reference = await MakePrivateAsync(channel);

        // Alice is in it, but everyone in the other channel would read the answer: it says where to ask, nothing more.
        const string elsewhere = "leak-elsewhere";
        await host.SendOkAsync(host.Mention(elsewhere, $"timeline {reference}"));
        await host.IdleAsync();
        await host.SendOkAsync(host.Mention(elsewhere, $"note {reference} Payroll files copied"));
        await host.IdleAsync();
        var answers = string.Join("\n", host.PostsTo(Thread(elsewhere)).Select(p => p.Body.ToJsonString()));
        Assert.Contains($"{reference} is private, and my answers here are seen by everyone in this conversation", answers);
        Assert.DoesNotContain("Invoices", answers);
        Assert.DoesNotContain("Payroll files copied", answers);
        Assert.DoesNotContain((await host.IncidentAsync(channel)).Timeline, e => e.Text.Contains("Payroll files copied", StringComparison.Ordinal));

        // In a 1:1 chat with the bot, only she reads the answer.
        var chat = host.Fixture("activity-personal-message.json");
        chat["id"] = host.NextActivityId();
        chat["text"] = $"timeline {reference}";
        var personal = chat["conversation"]!["id"]!.GetValue<string>();
        await host.SendOkAsync(chat);
        await host.IdleAsync();
        Assert.Contains(Title, host.PostsTo(personal)[^1].Body.ToJsonString());
    }
}
