using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>
/// The evidence forms: the record form of a bare `evidence`, and the custody-step form behind an item card's button
/// (a Slack modal; on Teams and the web the form comes as a card with its inputs). A submission becomes the same command
/// a typed line would, so it follows exactly the same rules; a field that is wrong is named beside the field.
/// </summary>
public sealed class EvidenceActions(EvidenceWorkflows evidence) : ICardActionHandler
{
    public string Family => EvidenceVerbs.Family;

    public async Task<Card?> FormForAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (verb != EvidenceVerbs.Step || !TryNumbers(data, out var incident, out var item))
        {
            return null;
        }

        var (form, _) = await evidence.StepFormAsync(context, incident, item, cancellationToken);
        return form;
    }

    public async Task<BotReply> HandleAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (verb == EvidenceVerbs.Record)
        {
            return await RecordAsync(context, data, cancellationToken);
        }

        if (!TryNumbers(data, out var incident, out var item))
        {
            return BotReply.Error("That button does not say which item of evidence it is about.");
        }

        switch (verb)
        {
            case EvidenceVerbs.Step:
                var (form, refusal) = await evidence.StepFormAsync(context, incident, item, cancellationToken);
                return form is null ? refusal! : BotReply.Private($"Record a custody step for {Evidence.FormatReference(item)}.", form);

            case EvidenceVerbs.SaveStep:
                return TryStep(data, item, out var command, out var error)
                    ? await evidence.StepAsync(context, command! with { IncidentNumber = incident }, cancellationToken)
                    : error!;

            default:
                return BotReply.Error("That evidence button is not recognised. It may be from an older version of the card; type the command instead.");
        }
    }

    private async Task<BotReply> RecordAsync(CommandContext context, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>();
        var description = Value(data, EvidenceVerbs.DescriptionInput);
        if (description.Length == 0)
        {
            problems[EvidenceVerbs.DescriptionInput] = "Describe the evidence.";
        }
        else if (description.Length > Evidence.MaxDescriptionLength)
        {
            problems[EvidenceVerbs.DescriptionInput] = $"Keep the description under {Evidence.MaxDescriptionLength} characters.";
        }

        var hash = Value(data, EvidenceVerbs.HashInput);
        if (hash.Length > 0 && !EvidenceGrammar.IsSha256(hash))
        {
            problems[EvidenceVerbs.HashInput] = "A SHA-256 is 64 characters, 0-9 and a-f. Leave it empty if you have none yet.";
        }

        var location = Value(data, EvidenceVerbs.LocationInput);
        if (location.Length > CustodyEntry.MaxTextLength)
        {
            problems[EvidenceVerbs.LocationInput] = $"Keep the location under {CustodyEntry.MaxTextLength} characters.";
        }

        if (problems.Count > 0)
        {
            return FieldErrors(problems);
        }

        var link = Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;
        var command = new EvidenceCommand(description, hash.Length == 0 ? null : hash.ToLowerInvariant(), link)
        {
            IncidentNumber = TryNumber(data, EvidenceVerbs.IncidentKey, out var incident) ? incident : null,
        };
        return await evidence.RecordAsync(context, command, link is null && location.Length > 0 ? location : null, cancellationToken);
    }

    /// <summary>The step a submitted form asks for, or the answer naming the field that is wrong.</summary>
    private static bool TryStep(IReadOnlyDictionary<string, string> data, int item, out CustodyCommand? command, out BotReply? error)
    {
        command = null;
        error = null;
        if (!EvidenceGrammar.TryStep(Value(data, EvidenceVerbs.StepInput), out var step))
        {
            error = FieldError(EvidenceVerbs.StepInput, "Pick the step to record.");
            return false;
        }

        var details = Value(data, EvidenceVerbs.DetailsInput);
        if (details.Length > CustodyEntry.MaxTextLength)
        {
            error = FieldError(EvidenceVerbs.DetailsInput, $"Keep it under {CustodyEntry.MaxTextLength} characters.");
            return false;
        }

        if (step == CustodyStep.Verified)
        {
            var hash = Value(data, EvidenceVerbs.HashInput);
            if (!EvidenceGrammar.IsSha256(hash))
            {
                error = FieldError(EvidenceVerbs.HashInput, "Give the SHA-256 you computed: 64 characters, 0-9 and a-f.");
                return false;
            }

            command = new CustodyCommand(step, item, null, Sha256: hash.ToLowerInvariant());
            return true;
        }

        UserMention? to = null;
        if (step == CustodyStep.Transferred && !TryPerson(Value(data, EvidenceVerbs.PersonInput), out to))
        {
            error = FieldError(EvidenceVerbs.PersonInput, "Who takes the item? Name them as @name (or pick them, where the form has a picker).");
            return false;
        }

        if (details.Length == 0)
        {
            var missing = step switch
            {
                CustodyStep.Stored => "Where is it kept? Name the locker, bucket or path.",
                CustodyStep.Released => "To whom is it released, and why?",
                CustodyStep.Disposed => "How was it disposed of, and why?",
                _ => "Why? The record keeps the reason.",
            };
            error = FieldError(EvidenceVerbs.DetailsInput, missing);
            return false;
        }

        command = new CustodyCommand(step, item, details, to);
        return true;
    }

    private static bool TryPerson(string text, out UserMention? mention)
    {
        if (CommandParser.TryMention(text, out mention))
        {
            return true;
        }

        var name = text.Trim();
        mention = name.Length is > 0 and <= 80 && !name.Any(c => char.IsControl(c) || c is '<' or '>' or '@') ? new UserMention(name, name) : null;
        return mention is not null;
    }

    private static bool TryNumbers(IReadOnlyDictionary<string, string> data, out int incident, out int item)
    {
        item = 0;
        return TryNumber(data, EvidenceVerbs.IncidentKey, out incident) & TryNumber(data, EvidenceVerbs.ItemKey, out item);
    }

    private static bool TryNumber(IReadOnlyDictionary<string, string> data, string key, out int number)
    {
        number = 0;
        return data.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }

    private static string Value(IReadOnlyDictionary<string, string> data, string key) => (data.GetValueOrDefault(key) ?? string.Empty).Trim();

    private static BotReply FieldError(string input, string message) => FieldErrors(new Dictionary<string, string> { [input] = message });

    private static BotReply FieldErrors(IReadOnlyDictionary<string, string> errors) =>
        BotReply.Error(string.Join(" ", errors.Values)) with { FieldErrors = errors };
}
