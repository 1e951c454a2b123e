namespace ChatOpsIR.Teams.Tests;

/// <summary>`@ChatOpsIR audit verify` and `audit` typed in a Teams channel.</summary>
public sealed class TeamsAuditTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    [Fact]
    public async Task The_tenants_chain_verifies_and_an_incidents_changes_show_who_made_them()
    {
        const string channel = "audit-room";
        await host.SendOkAsync(host.Mention(channel, "declare Phishing wave sev3"));
        await host.IdleAsync();
        await host.SendOkAsync(host.Mention(channel, "sev 2"));
        await host.IdleAsync();
        await host.SendOkAsync(host.Mention(channel, "resolve", TeamsTestHost.Bob));
        await host.IdleAsync();

        var thread = $"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000";
        var before = host.PostsTo(thread).Count;
        await host.SendOkAsync(host.Mention(channel, "audit verify"));
        await host.IdleAsync();
        await host.SendOkAsync(host.Mention(channel, "audit"));
        await host.IdleAsync();
        var answers = string.Join("\n", host.PostsTo(thread).Skip(before).Select(p => System.Text.RegularExpressions.Regex.Unescape(p.Body.ToJsonString())));
        Assert.Matches("The audit trail is intact: [0-9]+ rows, head [0-9a-f]{64}", answers);
        Assert.Contains("this Microsoft Teams tenant", answers);
        Assert.Contains("Severity: 3 → 2", answers);
        Assert.Contains("refused INC-0001", answers);
    }
}
