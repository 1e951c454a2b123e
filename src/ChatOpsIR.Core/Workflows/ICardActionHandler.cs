using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;

namespace ChatOpsIR.Core.Workflows;

/// <summary>
/// The buttons of one guided flow: the post-mortem, action-item reminders, the plan review. Every verb the flow puts on
/// its cards belongs to its <see cref="Family"/> (see <see cref="CardVerbs.FamilyOf"/>), the constant key
/// <see cref="CardActionRouter"/> finds the handler by. Like every workflow, a handler stages its changes and
/// <see cref="CommandService"/> saves once.
/// </summary>
public interface ICardActionHandler
{
    /// <summary>The verb family served, such as "pm.": a constant of the flow's verbs class.</summary>
    string Family { get; }

    /// <summary>A button of the flow was pressed (with the card's inputs, where it has any).</summary>
    Task<BotReply> HandleAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken);

    /// <summary>
    /// The form a button fills in, for platforms that ask in a separate dialog rather than on the card itself (a Slack
    /// modal). Null when the button asks nothing, or when the presser may not use it (the press then explains why).
    /// </summary>
    Task<Card?> FormForAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken);
}

/// <summary>
/// The one place that decides which flow serves a button: the registered <see cref="ICardActionHandler"/> of the verb's
/// family, looked up in a dictionary built once (per scope, as the handlers are) from the registered handlers. Two
/// handlers of one family are a wiring mistake and fail as soon as the router is built.
/// </summary>
public sealed class CardActionRouter(IEnumerable<ICardActionHandler> handlers)
{
    private readonly Dictionary<string, ICardActionHandler> _byFamily = handlers.ToDictionary(h => h.Family, StringComparer.Ordinal);

    /// <summary>The handler of <paramref name="verb"/>'s family; null for a button no flow owns (a command line, the declare form).</summary>
    public ICardActionHandler? For(string verb) => _byFamily.GetValueOrDefault(CardVerbs.FamilyOf(verb));
}
