using System.Net;
using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The two journeys that used to break after `resolve`, through the web war room's API on SQLite and PostgreSQL:
/// correcting the timeline during the post-mortem, and reaching an earlier incident's post-mortem by reference
/// once the channel has moved on to a new incident.
/// </summary>
public class IncidentLifecycleJourneyTests
{
    public static IEnumerable<object[]> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_timeline_can_be_corrected_during_the_post_mortem_until_the_incident_is_closed(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "vpn-room", "Alice");
        var bob = new WebChatClient(app.CreateClient(), "vpn-room", "Bob");

        await alice.SendAsync("declare Credential stuffing on the VPN sev2");
        await bob.SendAsync("note Spike in failed VPN logins");
        await alice.SendAsync("mark detected at 09:30");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await bob.SendAsync("note Blocked the source ranges");
        Ok(await alice.SendAsync("resolve Source ranges blocked"));
        var started = Ok(await bob.SendAsync("postmortem"));
        Assert.Contains("INC-0001", started.Text);

        // What the timeline-review card asks for now works, and says it came after resolve.
        var note = Ok(await bob.SendAsync("note First failed login from the botnet at 09:05"));
        Assert.Contains("INC-0001", note.Text);
        Assert.Contains("added after resolve", note.Text);
        var mark = Ok(await alice.SendAsync("mark contained 10:20"));
        Assert.Contains("Contained", mark.Text);
        Ok(await bob.SendAsync("evidence VPN gateway logs for the night"));
        Ok(await bob.SendAsync("action @Bob +7d Turn on MFA for every VPN account"));
        Ok(await alice.SendAsync("status Post-mortem under way; MFA rollout planned"));

        var timeline = Ok(await bob.SendAsync("timeline"));
        Assert.Contains("First failed login from the botnet", timeline.CardText);
        Assert.Contains("added after resolve", timeline.CardText);
        Assert.Contains("Time to contain: 50m", timeline.CardText);

        var report = await ReportAsync(app, alice, "md");
        Assert.Contains("First failed login from the botnet", report);
        Assert.Contains("added after resolve", report);

        // Only the commander brings it back, and a reopened incident takes commands as an open one.
        var bystander = await bob.SendAsync("reopen");
        Assert.True(bystander.IsError);
        Assert.Contains("Only the incident commander (Alice)", bystander.Text);
        var reopened = Ok(await alice.SendAsync("reopen The attacker came back"));
        Assert.Contains("INC-0001 reopened", reopened.Text);
        Assert.Equal("open", (await alice.TimelineAsync())["incident"]!["status"]!.GetValue<string>());
        Ok(await alice.SendAsync("resolve Blocked again"));

        // Closing needs a reason; after it the channel's commands no longer change the record.
        var noReason = await alice.SendAsync("close");
        Assert.True(noReason.IsError);
        Assert.Contains("reason", noReason.Text);
        Assert.True((await bob.SendAsync("close Not worth a post-mortem")).IsError);
        var closed = Ok(await alice.SendAsync("close Handled in the quarterly VPN review"));
        Assert.Contains("INC-0001 closed", closed.Text);

        var late = await bob.SendAsync("note One more thing");
        Assert.True(late.IsError);
        Assert.Contains("INC-0001", late.Text);
        Assert.Contains("closed", late.Text);
        var byReference = await bob.SendAsync("note INC-0001 One more thing");
        Assert.True(byReference.IsError);
        Assert.Contains("reopen INC-0001", byReference.Text);

        // Still readable.
        Assert.Contains("Credential stuffing", Ok(await bob.SendAsync("timeline")).CardText);
        Assert.Equal("closed", (await alice.TimelineAsync())["incident"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_earlier_post_mortem_stays_reachable_by_reference_after_a_new_incident_is_declared(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var app = new ChatOpsAppFactory(database);
        var alice = new WebChatClient(app.CreateClient(), "soc", "Alice");

        Ok(await alice.SendAsync("declare First thing sev4"));
        Ok(await alice.SendAsync("resolve done"));
        Ok(await alice.SendAsync("postmortem"));

        var second = Ok(await alice.SendAsync("declare Second thing sev4"));
        Assert.Contains("INC-0002", second.Text);
        Assert.Contains("INC-0001", second.CardText);
        Assert.Contains("postmortem INC-0001", second.CardText);

        // Without a reference the channel's commands act on the new incident …
        var newStatus = await alice.SendAsync("postmortem status");
        Assert.Contains("INC-0002", newStatus.Text);
        Assert.Contains("Second thing", Ok(await alice.SendAsync("timeline")).CardText);

        // … and with one, on the earlier incident, from every verb that acts on an incident.
        var oldStatus = Ok(await alice.SendAsync("postmortem status INC-0001"));
        Assert.Contains("INC-0001", oldStatus.Text);
        var resumed = Ok(await alice.SendAsync("postmortem INC-0001"));
        Assert.Contains("Resuming the post-mortem of INC-0001", resumed.CardText);
        Assert.Contains("INC-0001", Ok(await alice.SendAsync("report INC-0001")).Text);
        var oldTimeline = Ok(await alice.SendAsync("timeline INC-0001"));
        Assert.Contains("First thing", oldTimeline.CardText);
        Assert.DoesNotContain("Second thing", oldTimeline.CardText);
        var note = Ok(await alice.SendAsync("note inc-1 Found the cause while working on the second"));
        Assert.Contains("INC-0001", note.Text);
        Assert.Contains("Found the cause", Ok(await alice.SendAsync("timeline INC-0001")).CardText);
        Assert.DoesNotContain("Found the cause", Ok(await alice.SendAsync("timeline")).CardText);

        var unknown = await alice.SendAsync("timeline INC-0099");
        Assert.True(unknown.IsError);
        Assert.Contains("There is no INC-0099", unknown.Text);

        // A second open incident in the channel is still refused, and says which one is open.
        var third = await alice.SendAsync("declare Third thing");
        Assert.True(third.IsError);
        Assert.Contains("INC-0002", third.Text);
    }

    private static WebReply Ok(WebReply reply)
    {
        Assert.False(reply.IsError, reply.Text);
        return reply;
    }

    private static async Task<string> ReportAsync(ChatOpsAppFactory app, WebChatClient person, string format)
    {
        var status = Ok(await person.SendAsync("report"));
        var path = Regex.Match(status.Card!.ToJsonString(), "/incidents/[0-9a-f-]{36}/report").Value;
        Assert.NotEmpty(path);
        var response = await app.CreateClient().GetAsync($"{path}?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
