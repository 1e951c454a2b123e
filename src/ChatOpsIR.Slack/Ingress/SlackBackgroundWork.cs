using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatOpsIR.Slack.Ingress.Events;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>
/// What is left to do once Slack has been answered. Everything a request changes is stored before the answer; only
/// what may be lost with the host waits here: answers and receipts (posts), App Home (published again when next opened)
/// and a pin reaction's copy (see <see cref="SlackPins"/>).
/// </summary>
public abstract record SlackBackgroundWork;

/// <summary>Messages answering one request, in order; first, when they answer a card, that card's <paramref name="Receipt"/>.</summary>
public sealed record SlackAnswerWork(SlackReplyTarget Target, IReadOnlyList<JsonObject> Messages, SlackReceipt? Receipt = null) : SlackBackgroundWork;

/// <summary>What an answered card becomes (see <see cref="SlackReceipts"/>), and where that card is.</summary>
public sealed record SlackReceipt(SlackOriginalMessage Original, JsonObject Message);

/// <summary>A person's App Home to publish.</summary>
public sealed record SlackHomeWork(string Team, string UserId) : SlackBackgroundWork;

/// <summary>A message someone reacted to with the pin reaction, to copy into the timeline.</summary>
public sealed record SlackPinWork(string Team, string Channel, string Ts, string? ItemUser, string? PinnedBy) : SlackBackgroundWork;

/// <summary>Work for after Slack's answer, run in order by one background worker, each item in its own DI scope.</summary>
public sealed class SlackBackgroundQueue
{
    private readonly Channel<SlackBackgroundWork> _work =
        Channel.CreateBounded<SlackBackgroundWork>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(SlackBackgroundWork work, CancellationToken cancellationToken) =>
        _work.Writer.WriteAsync(work, cancellationToken);

    internal IAsyncEnumerable<SlackBackgroundWork> ReadAllAsync(CancellationToken cancellationToken) =>
        _work.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>Does one item of <see cref="SlackBackgroundQueue"/>.</summary>
public sealed class SlackBackgroundWorkRunner(SlackResponder responder, SlackAppHome home, SlackPins pins)
{
    public async Task RunAsync(SlackBackgroundWork work, CancellationToken cancellationToken)
    {
        switch (work)
        {
            case SlackAnswerWork answer:
                if (answer.Receipt is { } receipt)
                {
                    // The card that was answered changes for everyone first, so nobody answers it again; the answer follows below it.
                    await responder.ReplaceOriginalAsync(receipt.Original, receipt.Message, cancellationToken);
                }

                await responder.SendAsync(answer.Target, answer.Messages, cancellationToken);
                break;
            case SlackHomeWork opened:
                await home.PublishAsync(opened.Team, opened.UserId, cancellationToken);
                break;
            case SlackPinWork pin:
                await pins.CopyAsync(pin, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(work), work.GetType().Name, "No runner for this Slack work.");
        }
    }
}
