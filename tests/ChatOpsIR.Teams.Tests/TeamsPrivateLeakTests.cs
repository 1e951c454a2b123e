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
}
