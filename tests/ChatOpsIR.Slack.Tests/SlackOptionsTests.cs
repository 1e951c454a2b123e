using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack.Tests;

public class SlackOptionsTests
{
    private static SlackOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddChatOpsSlack().BuildServiceProvider();
        return services.GetRequiredService<IOptions<SlackOptions>>().Value;
    }

    [Fact]
    public void Disabled_slack_needs_nothing_and_defaults_to_the_public_api()
    {
        var options = Resolve([]);
        Assert.False(options.Enabled);
        Assert.Equal("https://slack.com/api/", options.ApiBaseUrl);
    }

    [Fact]
    public void Enabled_slack_without_secrets_is_refused_naming_each_missing_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Slack:Enabled"] = "true", ["Slack:BotToken"] = "xoxb-1" }));
        Assert.Contains("these keys are missing: Slack:SigningSecret.", error.Message);
        Assert.DoesNotContain("Slack:BotToken,", error.Message);
    }

    [Fact]
    public void A_relative_api_url_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Slack:Enabled"] = "true",
            ["Slack:SigningSecret"] = "s",
            ["Slack:BotToken"] = "xoxb-1",
            ["Slack:ApiBaseUrl"] = "slack/api",
        }));
        Assert.Contains("Slack:ApiBaseUrl must be an absolute http(s) URL.", error.Message);
    }

    [Fact]
    public void A_loopback_api_url_is_accepted_for_tests_and_private_deployments()
    {
        var options = Resolve(new()
        {
            ["Slack:Enabled"] = "true",
            ["Slack:SigningSecret"] = "s",
            ["Slack:BotToken"] = "xoxb-1",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9999/api/",
        });
        Assert.Equal("http://127.0.0.1:9999/api/", options.ApiBaseUrl);
    }
}
