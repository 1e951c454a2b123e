using System.Net;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// Every way a request can fail to prove it comes from the Bot Connector for this bot. Each test opens an incident
/// with a good token, sends a note with one thing wrong, and checks the note was refused: no timeline entry, no reply.
/// </summary>
public sealed class BotConnectorAuthTests(TeamsTestHost host) : IClassFixture<TeamsTestHost>
{
    private async Task<string> OpenIncidentAsync(string channel)
    {
        await host.SendOkAsync(host.Mention(channel, "declare Suspicious logins sev3"));
        await host.IdleAsync();
        var (incident, timeline) = await host.IncidentAsync(channel);
        Assert.NotNull(incident);
        Assert.Single(timeline);
        return channel;
    }

    private async Task AssertRefusedAsync(string channel, HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.Unauthorized)
    {
        Assert.Equal(expected, response.StatusCode);
        await host.IdleAsync();
        var (_, timeline) = await host.IncidentAsync(channel);
        Assert.Single(timeline);
        Assert.DoesNotContain(timeline, e => e.Text.Contains("should not land", StringComparison.Ordinal));
        Assert.Single(host.PostsTo($"{TeamsTestHost.ChannelId(channel)};messageid=1732530000000"));
    }

    private TeamsTokenSpec Valid(string serviceUrl) => host.Tokens.Valid(serviceUrl);

    [Fact]
    public async Task A_good_token_is_accepted_and_the_note_lands()
    {
        var channel = await OpenIncidentAsync("auth-good");
        using var response = await host.SendAsync(host.Mention(channel, "note this one lands"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.IdleAsync();
        var (_, timeline) = await host.IncidentAsync(channel);
        Assert.Contains(timeline, e => e.Text == "this one lands");
    }

    [Fact]
    public async Task Missing_authorization_header_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-missing");
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), token: null);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_signed_by_an_unknown_key_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-unknown-kid");
        var activity = host.Mention(channel, "note should not land");
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl) with { Key = host.OpenId.UnpublishedKey });
        using var response = await host.SendAsync(activity, token);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_signed_by_a_key_not_endorsed_for_msteams_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-webchat-key");
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl) with { Key = host.OpenId.WebChatOnlyKey });
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), token);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_for_another_bot_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-audience");
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl) with { Audience = "00000000-0000-0000-0000-0000000000ff" });
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), token);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_from_another_issuer_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-issuer");
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl) with { Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" });
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), token);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_expired_more_than_five_minutes_ago_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-expired");
        var now = host.App.Clock.GetUtcNow();
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl) with { NotBefore = now.AddHours(-1), Expires = now.AddMinutes(-5).AddSeconds(-5) });
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), token);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_expired_within_the_five_minute_skew_is_accepted()
    {
        var channel = await OpenIncidentAsync("auth-skew");
        var now = host.App.Clock.GetUtcNow();
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl) with { NotBefore = now.AddHours(-1), Expires = now.AddMinutes(-4) });
        using var response = await host.SendAsync(host.Mention(channel, "note late but fine"), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.IdleAsync();
        Assert.Contains((await host.IncidentAsync(channel)).Timeline, e => e.Text == "late but fine");
    }

    [Fact]
    public async Task Token_not_valid_until_later_than_the_skew_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-future");
        var now = host.App.Clock.GetUtcNow();
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl) with { NotBefore = now.AddMinutes(6), Expires = now.AddHours(1) });
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), token);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_issued_for_another_service_url_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-serviceurl");
        var token = TeamsTokenIssuer.Issue(Valid("https://smba.trafficmanager.net/emea/"));
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), token);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_without_a_service_url_claim_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-no-serviceurl");
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl) with { ServiceUrl = null });
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), token);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task A_trailing_slash_difference_in_the_service_url_is_not_a_mismatch()
    {
        var channel = await OpenIncidentAsync("auth-slash");
        var token = TeamsTokenIssuer.Issue(Valid(host.Connector.ServiceUrl.TrimEnd('/')));
        using var response = await host.SendAsync(host.Mention(channel, "note slash is fine"), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.IdleAsync();
        Assert.Contains((await host.IncidentAsync(channel)).Timeline, e => e.Text == "slash is fine");
    }

    [Fact]
    public async Task Unsigned_token_with_alg_none_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-alg-none");
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), host.Tokens.Unsigned(host.Connector.ServiceUrl));
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task Token_with_a_tampered_payload_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-tampered");
        var parts = host.Tokens.Issue(host.Connector.ServiceUrl).Split('.');
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!;
        payload["aud"] = "someone-else";
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        using var response = await host.SendAsync(host.Mention(channel, "note should not land"), forged);
        await AssertRefusedAsync(channel, response);
    }

    [Fact]
    public async Task An_oversized_activity_is_refused_even_with_a_good_token()
    {
        var channel = await OpenIncidentAsync("auth-oversized");
        var activity = host.Mention(channel, "note should not land " + new string('x', TeamsEndpoints.MaxRequestBytes));
        using var response = await host.SendAsync(activity);
        await AssertRefusedAsync(channel, response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Activity_from_another_channel_than_msteams_is_refused()
    {
        var channel = await OpenIncidentAsync("auth-webchat-channel");
        var activity = host.Mention(channel, "note should not land");
        activity["channelId"] = "webchat";
        using var response = await host.SendAsync(activity);
        await AssertRefusedAsync(channel, response);
    }
}

/// <summary>A bot pinned to one tenant refuses activities from any other, and from none.</summary>
public sealed class SingleTenantTests(SingleTenantTeamsHost host) : IClassFixture<SingleTenantTeamsHost>
{
    private const string OtherTenant = "00000000-0000-0000-0000-000000000099";

    [Fact]
    public async Task Activities_from_another_tenant_are_refused_and_change_nothing()
    {
        var activity = host.Mention("tenant-other", "declare Not ours sev2");
        activity["channelData"]!["tenant"]!["id"] = OtherTenant;
        activity["conversation"]!["tenantId"] = OtherTenant;
        using var response = await host.SendAsync(activity);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await host.IdleAsync();
        Assert.Null((await host.IncidentAsync("tenant-other", OtherTenant)).Incident);
        Assert.Empty(host.PostsTo($"{TeamsTestHost.ChannelId("tenant-other")};messageid=1732530000000"));
    }

    [Fact]
    public async Task Activities_without_a_tenant_are_refused()
    {
        var activity = host.Mention("tenant-none", "declare No tenant sev2");
        activity["channelData"]!.AsObject().Remove("tenant");
        activity["conversation"]!.AsObject().Remove("tenantId");
        using var response = await host.SendAsync(activity);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await host.IncidentAsync("tenant-none")).Incident);
    }

    [Fact]
    public async Task The_pinned_tenant_is_served()
    {
        await host.SendOkAsync(host.Mention("tenant-ours", "declare Ours sev2"));
        Assert.NotNull((await host.IncidentAsync("tenant-ours")).Incident);
    }
}
