using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>
/// The Save buttons of the section cards: the answers are checked against the section's questions, then stored (a form
/// section's fields, or one more cause, lesson or action item); a cause or lesson that reads as blame keeps the card
/// where it is with a hint.
/// </summary>
public sealed class SectionAnswers(
    IIncidentStore store,
    TimeProvider clock,
    IEnumerable<IMentionResolver> resolvers,
    BlameCoach coach,
    NotificationClocks clocks,
    PostMortemSteps steps)
{
    private readonly PlatformServices<IMentionResolver> _resolvers = new(resolvers);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Saves the inputs of <paramref name="section"/> (or its next item), then stays or moves on as the button said.</summary>
    public async Task<BotReply> AnswerAsync(CommandContext context, Incident incident, PostMortem postMortem, PostMortemSection section, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var values = PostMortemQuestions.For(section).ToDictionary(q => q.Id, q => (data.GetValueOrDefault(q.Id) ?? string.Empty).Trim());
        var errors = Validate(section, values, context);
        ChatUser? owner = null;
        if (section == PostMortemSection.ActionItems && !errors.ContainsKey(PostMortemQuestions.ActionOwner))
        {
            if (CommandParser.TryMention(values[PostMortemQuestions.ActionOwner], out var mention) || TryName(values[PostMortemQuestions.ActionOwner], out mention))
            {
                owner = await Mentions.ResolveAsync(_resolvers, context, mention!, cancellationToken);
            }
            else
            {
                errors[PostMortemQuestions.ActionOwner] = "Name the owner as @name (or pick them, where the form has a picker).";
            }
        }

        if (errors.Count > 0)
        {
            var again = await steps.ViewAsync(context, incident, postMortem, section, cancellationToken) with { Submitted = values, Errors = errors };
            return BotReply.Error(string.Join(" ", errors.Values.Distinct()), PostMortemCards.Step(again, section)) with { FieldErrors = errors };
        }

        var moveOn = data.GetValueOrDefault(PostMortemVerbs.NextKey) != PostMortemVerbs.SameSection;
        string saved;
        switch (section)
        {
            case PostMortemSection.RootCauses:
            {
                var principles = values[PostMortemQuestions.CausePrinciples].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var hint = coach.Check(values[PostMortemQuestions.CauseText], incident, postMortem);
                var cause = postMortem.AddFinding(FindingKind.RootCause, values[PostMortemQuestions.CauseText], principles, values[PostMortemQuestions.CauseEnabler], hint, context.User, Now);
                saved = $"{cause.Label} saved by {context.User.DisplayName}.";
                if (hint is not null)
                {
                    return await steps.StayAsync(context, incident, postMortem, section, $"{saved} One thing first: \"{hint.Term}\" can read as blaming a person. Reword it, or keep it if it is right.", cancellationToken);
                }

                if (moveOn && postMortem.RootCauses.Count() == 1 && postMortem.SingleCauseReason is null)
                {
                    // Push past the first cause: the card stays, asking what enabled it.
                    return await steps.StayAsync(context, incident, postMortem, section, $"{saved} Incidents rarely have a single cause. What made cause 1 possible, or let it matter? Add another cause, or continue and say why there is only one.", cancellationToken);
                }

                break;
            }

            case PostMortemSection.Lessons:
            {
                var hint = coach.Check(values[PostMortemQuestions.LessonText], incident, postMortem);
                var lesson = postMortem.AddFinding(FindingKind.Lesson, values[PostMortemQuestions.LessonText], [], null, hint, context.User, Now);
                saved = $"{lesson.Label} saved by {context.User.DisplayName}.";
                if (hint is not null)
                {
                    return await steps.StayAsync(context, incident, postMortem, section, $"{saved} One thing first: \"{hint.Term}\" can read as blaming a person. Reword it, or keep it if it is right.", cancellationToken);
                }

                break;
            }

            case PostMortemSection.ActionItems:
            {
                var due = ParseDue(values[PostMortemQuestions.ActionDue], context)!.Value;
                var number = await store.NextActionItemNumberAsync(context.Scope, cancellationToken);
                var item = new ActionItem(incident, number, values[PostMortemQuestions.ActionTitle], owner!, due, context.User, Now);
                item.Classify(ToKind(values[PostMortemQuestions.ActionKind]), values[PostMortemQuestions.ActionReach] == "class" ? ActionItemReach.RemovesClass : ActionItemReach.PatchesInstance);
                store.Add(item);
                if (incident.LetInOwner(context.User, owner!, $"the owner of {item.Reference}", context.Platform, Now) is { } letIn)
                {
                    store.Add(letIn);
                }

                postMortem.CompleteList(section, context.User, Now);
                saved = $"Action item {item.Reference} saved for {owner!.DisplayName}, due {TimeFormat.Day(due)}.";
                if (!moveOn)
                {
                    return await steps.StayAsync(context, incident, postMortem, section, saved, cancellationToken, extra: item);
                }

                break;
            }

            default:
                postMortem.Answer(section, values, context.User, Now);
                saved = $"{section.Title()} saved by {context.User.DisplayName}.";
                if (section == PostMortemSection.Impact && clocks.For(incident, postMortem) is { Count: > 0 } started)
                {
                    saved += " Notification clocks running: " + string.Join("; ", started.Select(c => $"{c.Regime.Name}, {c.DescribeLeft(Now)}")) + ".";
                }

                break;
        }

        if (!moveOn || section == PostMortemSection.Summary)
        {
            return await steps.StayAsync(context, incident, postMortem, section, saved, cancellationToken);
        }

        return await steps.MoveOnAsync(context, incident, postMortem, section, saved, cancellationToken);
    }

    private Dictionary<string, string> Validate(PostMortemSection section, IReadOnlyDictionary<string, string> values, CommandContext context)
    {
        var errors = new Dictionary<string, string>();
        foreach (var question in PostMortemQuestions.For(section))
        {
            var value = values[question.Id];
            if (value.Length == 0)
            {
                if (question.IsRequired)
                {
                    errors[question.Id] = question.Kind is InputKind.Choice or InputKind.MultiChoice ? $"Choose: {question.Label}" : $"Answer: {question.Label}";
                }

                continue;
            }

            if (value.Length > question.MaxLength)
            {
                errors[question.Id] = $"Keep it under {question.MaxLength} characters.";
            }
            else if (question.Kind is InputKind.Choice or InputKind.MultiChoice)
            {
                var picked = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (picked.Any(p => question.Choices.All(c => c.Value != p)) || (question.Kind == InputKind.Choice && picked.Length > 1))
                {
                    errors[question.Id] = $"Pick from the list: {string.Join(", ", question.Choices.Select(c => c.Title))}.";
                }
            }
            else if (question.IsCount && !value.Equals("unknown", StringComparison.OrdinalIgnoreCase) && !long.TryParse(value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                errors[question.Id] = "Give a whole number of at least 0, or \"unknown\".";
            }
            else if (question.Kind == InputKind.Date && ParseDue(value, context) is not { } due)
            {
                errors[question.Id] = "Give the date as YYYY-MM-DD (or today, tomorrow, +7d).";
            }
            else if (question.Kind == InputKind.Date && ParseDue(value, context) < Today(context))
            {
                errors[question.Id] = "That date has passed. Give a due date from today on.";
            }
        }

        return errors;
    }

    private DateOnly? ParseDue(string text, CommandContext context) =>
        DueDateExpression.TryParse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries), out var due, out var used) && used == text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length
            ? due!.Resolve(Today(context))
            : null;

    private DateOnly Today(CommandContext context) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, context.TimeZone));

    private static bool TryName(string text, out UserMention? mention)
    {
        // A plain name typed into a form ("Priya Patel") is taken as it is, like @name in the web war room.
        var name = text.Trim();
        mention = name.Length is > 0 and <= 80 && !name.Any(c => char.IsControl(c) || c is '<' or '>') ? new UserMention(name, name) : null;
        return mention is not null;
    }

    private static ActionItemKind ToKind(string value) => value switch
    {
        "configuration" => ActionItemKind.Configuration,
        "policy" => ActionItemKind.PolicyOrProcedure,
        "monitoring" => ActionItemKind.Monitoring,
        "training" => ActionItemKind.Training,
        "awareness" => ActionItemKind.Awareness,
        "architecture" => ActionItemKind.Architecture,
        _ => ActionItemKind.Unspecified,
    };
}
