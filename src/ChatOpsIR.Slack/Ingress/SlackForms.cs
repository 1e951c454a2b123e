using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Slack.BlockKit;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>What a submitted modal carries back in its private_metadata: its channel, its submit button's data, and the message it was opened from.</summary>
public sealed record SlackFormMetadata(string Channel, IReadOnlyDictionary<string, string> Data, SlackOriginalMessage? Original);

/// <summary>
/// Cards with inputs as Slack modals. A modal is opened with views.open while the trigger is fresh (it lives about 3
/// seconds, so before Slack is answered); its private_metadata carries the channel, the submit button's data and, for a
/// modal opened from a button on a message, that message (its response_url, channel and ts), so the submission can
/// replace the card it answered.
/// </summary>
public sealed class SlackForms(SlackApiClient client, SlackTokenProvider tokens)
{
    /// <summary>How long opening a modal may take: the trigger expires, and Slack wants its answer within 3 seconds.</summary>
    public static readonly TimeSpan OpenBudget = TimeSpan.FromMilliseconds(2500);

    /// <summary>The private_metadata key of the message a modal was opened from.</summary>
    private const string OriginalKey = "from";

    public static bool HasInputs(Card card) => card.Body.Any(e => e is InputElement);

    /// <summary>Opens the card as a modal; null when it is open, else what to tell the person instead.</summary>
    public async Task<string?> OpenAsync(string team, Card card, string triggerId, string channel, SlackOriginalMessage? original, CancellationToken cancellationToken)
    {
        var submit = card.Buttons.FirstOrDefault(b => b.Style == ButtonStyle.Primary) ?? card.Buttons.FirstOrDefault();
        if (submit is null || triggerId.Length == 0)
        {
            return "That command needs a form, and Slack did not give me a way to open one. Type the command with its arguments instead (see `help`).";
        }

        var view = BlockKitRenderer.RenderModal(card, submit.Verb, Metadata(channel, submit.Data, original));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(OpenBudget);
        try
        {
            var token = await tokens.GetTokenAsync(team, budget.Token);
            await client.CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, token, budget.Token);
            return null;
        }
        catch (Exception ex) when (ex is SlackApiException or SlackNotInstalledException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return "I could not open the form in time. Type the command with its arguments instead, e.g. `declare Ransomware on FS01 sev2`.";
        }
    }

    /// <summary>
    /// A submitted modal's metadata, or null when it is not ours. The metadata is signed by Slack's request signature, but it
    /// only ever names a message to replace in the modal's own channel, and its URL is checked against
    /// Slack:ResponseUrlHosts before use.
    /// </summary>
    public static SlackFormMetadata? ReadMetadata(string team, JsonObject view)
    {
        JsonObject? metadata;
        try
        {
            metadata = JsonNode.Parse(view["private_metadata"]?.GetValue<string>() ?? string.Empty) as JsonObject;
        }
        catch (JsonException)
        {
            metadata = null;
        }

        if (metadata?["channel"]?.GetValue<string>() is not { Length: > 0 } channel)
        {
            return null;
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata["data"] is JsonObject carried)
        {
            foreach (var (key, value) in carried)
            {
                data[key] = value?.GetValue<string>() ?? string.Empty;
            }
        }

        return new SlackFormMetadata(channel, data, OriginalFrom(team, channel, metadata[OriginalKey]));
    }

    private static string Metadata(string channel, IReadOnlyDictionary<string, string> data, SlackOriginalMessage? original)
    {
        var metadata = new JsonObject { ["channel"] = channel, ["data"] = new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))) };
        if (original is not null)
        {
            metadata[OriginalKey] = OriginalTo(original);
        }

        var text = metadata.ToJsonString();
        if (text.Length > BlockKitRenderer.MaxPrivateMetadata && metadata[OriginalKey] is JsonObject from)
        {
            // Too long with the URL: keep the channel and ts, so the card can still be replaced with chat.update.
            from.Remove("response_url");
            text = metadata.ToJsonString();
        }

        return text;
    }

    private static JsonObject OriginalTo(SlackOriginalMessage original)
    {
        var from = new JsonObject();
        if (original.ResponseUrl is { Length: > 0 } url)
        {
            from["response_url"] = url;
        }

        if (original.Ts is { Length: > 0 } ts)
        {
            from["ts"] = ts;
        }

        if (original.IsEphemeral)
        {
            from["ephemeral"] = true;
        }

        return from;
    }

    private static SlackOriginalMessage? OriginalFrom(string team, string channel, JsonNode? node)
    {
        if (node is not JsonObject from)
        {
            return null;
        }

        string? Read(string key) => from[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        var ephemeral = from["ephemeral"] is JsonValue flag && flag.TryGetValue<bool>(out var on) && on;
        var url = Read("response_url");
        var ts = Read("ts");
        return url is null && ts is null ? null : new SlackOriginalMessage(team, channel, ts, ephemeral, url);
    }
}
