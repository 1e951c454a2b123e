using ChatOpsIR.Testing;

namespace ChatOpsIR.Slack.Tests;

/// <summary>`/ir audit` and `/ir audit verify` on Slack: answered to the person only, with a refused attempt on the record.</summary>
public sealed class SlackAuditTests
{
    [Fact]
    public async Task A_refused_attempt_is_on_the_record_and_the_workspaces_chain_verifies()
    {
        await using var app = await SlackApp.StartAsync();
        await app.CommandAsync("declare Ransomware on FS01 sev2");
        await app.CommandAsync("sev 1");
        var refused = SlackApp.Text(await app.CommandAsync("resolve", user: "U0002"));
        Assert.Contains("Only the incident commander", refused);

        var audit = await app.CommandAsync("audit");
        Assert.Equal("ephemeral", audit["response_type"]?.GetValue<string>());
        var text = SlackApp.Text(audit);
        Assert.Contains("Audit trail · INC-0001", text);
        Assert.Contains("Severity: 2 → 1", text);
        Assert.Contains("refused INC-0001", text);

        var verified = await app.CommandAsync("audit verify", user: "U0002");
        Assert.Equal("ephemeral", verified["response_type"]?.GetValue<string>());
        Assert.Matches("The audit trail is intact: [0-9]+ rows, head [0-9a-f]{64}", SlackApp.Text(verified));
        Assert.Contains("this Slack workspace", SlackApp.Text(verified));
    }
}
