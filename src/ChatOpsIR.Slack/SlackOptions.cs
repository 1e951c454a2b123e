using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack;

/// <summary>The Slack app (`Slack:*`). `ApiBaseUrl` defaults to Slack's public Web API.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    public bool Enabled { get; set; }
    public string? SigningSecret { get; set; }

    /// <summary>A bot token for a single workspace; multi-workspace installs store one per team instead.</summary>
    public string? BotToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>For installs in several workspaces (OAuth v2): the app's client id and secret from its Basic Information page.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Where installers are sent to approve the app.</summary>
    public string OAuthAuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>The redirect URL registered in the manifest; by default derived from the request (https://host/api/slack/oauth/callback).</summary>
    public string? OAuthRedirectUrl { get; set; }

    public bool MultiWorkspace => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>Hosts a response_url may point at. The URL arrives in a payload, so anything else is refused.</summary>
    public List<string> ResponseUrlHosts { get; set; } = ["hooks.slack.com"];

    /// <summary>Hosts a shared file may be downloaded from ("Add as evidence"): the URL arrives in a payload, and the bot token goes with it.</summary>
    public List<string> FileHosts { get; set; } = ["files.slack.com"];

    /// <summary>The reaction that copies a message into the timeline (name without colons).</summary>
    public string PinReaction { get; set; } = "pushpin";
}

internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningSecret)) missing.Add("Slack:SigningSecret");
        if (string.IsNullOrWhiteSpace(options.BotToken) && !options.MultiWorkspace) missing.Add("Slack:BotToken");
        if (missing.Count > 0)
        {
            failures.Add($"Slack is enabled (Slack:Enabled=true) but these keys are missing: {string.Join(", ", missing)}. Set them (e.g. environment variable Slack__SigningSecret) or set Slack:Enabled=false. For installs in several workspaces, set Slack:ClientId and Slack:ClientSecret instead of Slack:BotToken.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Slack:ClientId and Slack:ClientSecret go together: set both (installs in several workspaces) or neither.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            failures.Add("Slack:ApiBaseUrl must be an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
