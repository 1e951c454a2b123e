namespace ChatOpsIR.Teams.Tests;

/// <summary>`declare … private` in Teams: no channel the whole team can read is ever made for it.</summary>
public sealed class TeamsPrivateIncidentTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private static string Thread(string channel) => $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";

    [Fact]
    public async Task A_private_incident_from_a_team_channel_opens_no_standard_channel_and_says_where_it_can_be_declared()
    {
        const string origin = "private-origin";
        var before = host.Graph.Channels.Count;
        await host.SendOkAsync(host.Mention(origin, "declare Payroll export mailed out sev2 private"));
        await host.IdleAsync();

        var reply = Assert.Single(host.PostsTo(Thread(origin)));
        Assert.Contains("cannot open a private war-room channel", reply.Text);
        Assert.Contains("1:1 chat", reply.Text);
        Assert.Equal(before, host.Graph.Channels.Count);
        Assert.DoesNotContain(host.Graph.Calls, c => c.Method == "POST" && c.Path.EndsWith("/channels", StringComparison.Ordinal));
        Assert.Null((await host.IncidentAsync(origin)).Incident);
    }
}
