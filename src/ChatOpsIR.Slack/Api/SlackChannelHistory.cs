using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.Ingress;
using Microsoft.Extensions.Logging;
using static ChatOpsIR.Slack.Api.SlackApiClient;

namespace ChatOpsIR.Slack.Api;

/// <summary>
/// A Slack channel's earlier messages (conversations.history) for `backfill`. Slack pages from the newest message back,
/// so the whole window is read (at most <see cref="MaxPages"/> pages) and the oldest ones kept. Only what live capture
/// would have taken is returned — people's messages, thread broadcasts and file shares; never a bot's message or a
/// notice such as someone joining — keyed exactly as live capture keys them, so nothing is copied twice.
/// Thread replies are not part of a channel's history in Slack and are not read.
/// </summary>
public sealed partial class SlackChannelHistory(
    SlackApiClient client,
    SlackTokenProvider tokens,
    SlackUserDirectory users,
    ILogger<SlackChannelHistory> logger) : IChannelHistory
{
    /// <summary>Messages asked for per page; Slack recommends no more than 200.</summary>
    public const int PageSize = 200;

    /// <summary>Pages read at most for one backfill (10,000 messages): a busier window must be narrowed with `since`.</summary>
    public const int MaxPages = 50;

    /// <summary>How long one backfill may spend looking up authors' names; after that the rest keep their ids.</summary>
    public static readonly TimeSpan NameLookupBudget = TimeSpan.FromSeconds(10);

    public Platform Platform => Platform.Slack;

    public async Task<HistoryRead> ReadAsync(CommandContext context, DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
    {
        var team = context.Scope.KeyFor(Platform.Slack)
            ?? throw new ChannelHistoryUnavailableException("This channel does not belong to a Slack workspace I know.");
        string token;
        try
        {
            token = await tokens.GetTokenAsync(team, cancellationToken);
        }
        catch (SlackNotInstalledException)
        {
            throw new ChannelHistoryUnavailableException("ChatOpsIR is not installed in this workspace any more, so I cannot read the channel's history. Ask an admin to install it again, then run `backfill` again.");
        }

        var found = new Dictionary<string, RawMessage>(StringComparer.Ordinal);
        string? cursor = null;
        var pages = 0;
        bool more;
        do
        {
            var form = new Dictionary<string, string>
            {
                ["channel"] = context.ChannelId,
                ["oldest"] = ToTs(from),
                ["latest"] = ToTs(to),
                ["inclusive"] = "true",
                ["limit"] = PageSize.ToString(CultureInfo.InvariantCulture),
            };
            if (cursor is not null)
            {
                form["cursor"] = cursor;
            }

            JsonObject page;
            try
            {
                page = await client.CallFormAsync("conversations.history", form, token, cancellationToken);
            }
            catch (SlackApiException ex)
            {
                LogRefused(logger, ex.Error);
                throw new ChannelHistoryUnavailableException(Explain(ex));
            }
            catch (HttpRequestException)
            {
                throw new ChannelHistoryUnavailableException("I could not reach Slack to read this channel's history. Nothing was copied; try `backfill` again in a minute.");
            }

            pages++;
            foreach (var message in (page["messages"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Keep(message, from, to) is { } taken)
                {
                    found.TryAdd(taken.Ts, taken);
                }
            }

            cursor = Text(page["response_metadata"]?["next_cursor"]);
            more = page["has_more"]?.GetValueKind() == JsonValueKind.True && cursor is not null;
        }
        while (more && pages < MaxPages);

        var oldestFirst = found.Values.OrderBy(m => m.At).ThenBy(m => m.Ts, StringComparer.Ordinal).ToList();
        if (more)
        {
            // Slack reads from the newest message back: the oldest ones of this window were not reached.
            var reached = oldestFirst.Count > 0 ? oldestFirst[0].At : to;
            throw new ChannelHistoryUnavailableException(
                $"This channel has more than {MaxPages * PageSize} messages in that window, more than one backfill reads; I got back to {reached:yyyy-MM-dd HH:mm} UTC. Nothing was copied. Run `backfill since {reached:yyyy-MM-ddTHH:mm}Z` to copy the messages from then on.");
        }

        var truncated = oldestFirst.Count > limit;
        var kept = truncated ? oldestFirst.Take(limit).ToList() : oldestFirst;
        var authors = await AuthorsAsync(team, kept.Select(m => m.User).Distinct(StringComparer.Ordinal), cancellationToken);
        return new HistoryRead(
            kept.Select(m => new HistoryMessage(SlackTimeline.SourceKey(context.ChannelId, m.Ts), authors[m.User], SlackMarkup.ToPlain(m.Text), m.At)).ToList(),
            truncated);
    }

    /// <summary>Names for the authors: cached ones at once, the others from users.info until the time budget is spent.</summary>
    private async Task<Dictionary<string, ChatUser>> AuthorsAsync(string team, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var authors = new Dictionary<string, ChatUser>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var left = NameLookupBudget - clock.Elapsed;
            authors[id] = users.Cached(team, id)
                ?? (left > TimeSpan.Zero ? await users.ResolveAsync(team, id, left, cancellationToken) : new ChatUser(id, id));
        }

        return authors;
    }

    /// <summary>The message as live capture would take it, or null: bots, system notices (joins, leaves, topic changes…) and messages outside the window are left out.</summary>
    private static RawMessage? Keep(JsonObject message, DateTime from, DateTime to)
    {
        var subtype = Text(message["subtype"]);
        if (subtype is not (null or "thread_broadcast" or "file_share") || message["bot_id"] is not null
            || Text(message["user"]) is not { } user || Text(message["ts"]) is not { } ts
            || SlackMarkup.TsToUtc(ts) is not { } at || at < from || at > to)
        {
            return null;
        }

        return new RawMessage(user, ts, Text(message["text"]), at);
    }

    /// <summary>What to tell the person when Slack refuses, in words they can act on.</summary>
    private static string Explain(SlackApiException ex) => ex.Error switch
    {
        "missing_scope" => $"Slack did not let me read this channel's history: the app lacks the {ex.Needed ?? "channels:history"} permission{(ex.Needed is null ? " (groups:history for private channels)" : string.Empty)}. Ask a workspace admin to reinstall ChatOpsIR from its manifest, which asks for channels:history and groups:history, then run `backfill` again.",
        "not_in_channel" => "I am not a member of this channel, so Slack does not let me read its history. Invite me with `/invite @chatopsir`, then run `backfill` again.",
        "channel_not_found" => "Slack cannot find this channel for me: it is private and I am not in it, or it was deleted. Invite me with `/invite @chatopsir`, then run `backfill` again.",
        "ratelimited" => "Slack is limiting how often I may read channel history (apps not from the Slack Marketplace get one read a minute). Nothing was copied; run `backfill` again in a few minutes.",
        "not_authed" or "invalid_auth" or "account_inactive" or "token_revoked" or "token_expired" =>
            "Slack no longer accepts ChatOpsIR's token for this workspace, so I cannot read the channel's history. Ask an admin to install the app again, then run `backfill` again.",
        _ => $"Slack refused to give me this channel's history ({ex.Error}). Nothing was copied; try `backfill` again later.",
    };

    /// <summary>A UTC time as a Slack ts ("1732530000.000000").</summary>
    private static string ToTs(DateTime utc)
    {
        var ticks = DateTime.SpecifyKind(utc, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        return (ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "." + (ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture);
    }

    private sealed record RawMessage(string User, string Ts, string? Text, DateTime At);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack refused to read a channel's history: {Error}")]
    private static partial void LogRefused(ILogger logger, string error);
}
