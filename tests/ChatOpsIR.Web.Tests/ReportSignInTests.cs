using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// With sign-in on and each person's scope read from their tenant claim (as with Microsoft Entra ID), the war room
/// and the report pages show a person only their own tenant's incidents; a signed link still opens its report.
/// </summary>
public sealed class ReportSignInTests : IAsyncLifetime
{
    private const string Channel = "war-room";
    private SignInHost _host = null!;

    public async Task InitializeAsync() => _host = await SignInHost.StartAsync(settings =>
    {
        settings["WebChat:Authentication:IncidentScope"] = "tenant-claim";
        settings["Reports:PublicBaseUrl"] = "http://127.0.0.1";
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_report_opens_for_a_signed_link_or_a_person_of_its_tenant_and_for_nobody_else()
    {
        using var alice = _host.NewClient();
        await alice.SignInAsync("alice@contoso");
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(Channel, "declare Token theft sev2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(Channel, "postmortem")).StatusCode);
        var incident = await IncidentAsync(TenantScope.Teams("contoso"));
        Assert.Null(await FindAsync(TenantScope.Web));
        var report = $"/incidents/{incident.Id}/report";

        var own = await alice.Http.GetAsync(report);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Token theft", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Someone of another tenant sees neither the report nor the channel.
        using var eve = _host.NewClient();
        await eve.SignInAsync("eve@fabrikam");
        var foreign = await eve.Http.GetAsync(report);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("Token theft", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var channels = await eve.Http.GetFromJsonAsync<JsonElement>("/api/webchat/channels");
        Assert.Equal(0, channels.GetArrayLength());
        var timeline = await eve.Http.GetFromJsonAsync<JsonElement>($"/api/webchat/channels/{Channel}/timeline");
        Assert.Equal(JsonValueKind.Null, timeline.GetProperty("incident").ValueKind);

        // A browser without a session is sent to sign in, never shown the report.
        using var anonymous = _host.NewClient();
        var unsigned = await anonymous.Http.GetAsync(report);
        Assert.Equal(HttpStatusCode.Redirect, unsigned.StatusCode);
        Assert.StartsWith(_host.Provider.Issuer.ToString(), unsigned.Headers.Location!.ToString(), StringComparison.Ordinal);

        // A signed link (as Slack and Teams messages carry) works without a session; a tampered one does not.
        var link = new Uri(_host.App.Services.GetRequiredService<ReportLinks>().ReportUrl(incident)!);
        var linked = await anonymous.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Contains("Token theft", await linked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tampered = await eve.Http.GetAsync(link.PathAndQuery.Replace("t=", "t=x", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
    }

    private async Task<Incident> IncidentAsync(TenantScope scope) => (await FindAsync(scope))!;

    private async Task<Incident?> FindAsync(TenantScope scope)
    {
        await using var services = _host.App.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<IIncidentStore>().FindLatestIncidentAsync(scope, Channel, CancellationToken.None);
    }
}
