using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// Slack messages into Core's timeline, as plain text at the message's own time. A message is keyed by its channel and
/// ts, so live capture, a pin, the shortcut and `backfill` never copy one twice.
/// </summary>
public sealed class SlackTimeline(TimelineCapture capture)
{
    /// <summary>What source keys of Slack messages start with (they are keys of messages, not Core scopes).</summary>
    private const string KeyPrefix = "slack";

    /// <summary>A Slack message's identity: channel and ts.</summary>
    public static string SourceKey(string channel, string ts) => $"{KeyPrefix}:{channel}:{ts}";

    /// <summary>A message seen in a channel: copied only while the channel's open incident captures chat.</summary>
    public Task<CaptureResult> CaptureChatAsync(string team, string channel, ChatUser author, string? text, string ts, CancellationToken cancellationToken) =>
        capture.CaptureChatAsync(TenantScope.Slack(team), Platform.Slack, channel, author, SlackMarkup.ToPlain(text), SlackMarkup.TsToUtc(ts), SourceKey(channel, ts), cancellationToken);

    /// <summary>A message <paramref name="chosenBy"/> chose to copy (the shortcut, the pin reaction).</summary>
    public Task<CaptureResult> CaptureAsync(string team, string channel, ChatUser chosenBy, ChatUser author, string? text, string ts, CancellationToken cancellationToken) =>
        capture.CaptureAsync(new CommandContext(TenantScope.Slack(team), Platform.Slack, channel, chosenBy), author, SlackMarkup.ToPlain(text), SlackMarkup.TsToUtc(ts), SourceKey(channel, ts), cancellationToken);
}
