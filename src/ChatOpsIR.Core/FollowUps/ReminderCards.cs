using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.FollowUps;

/// <summary>The button verbs of reminder cards; Core handles them the same on every platform.</summary>
public static class ReminderVerbs
{
    /// <summary>The family of every reminder button: <see cref="ReminderActions"/> serves it.</summary>
    public const string Family = "reminder.";
    public const string Done = "reminder.done";
    public const string Snooze = "reminder.snooze";
    public const string NewDate = "reminder.date";
    public const string SaveDate = "reminder.date.save";
    public const string Reassign = "reminder.reassign";
    public const string SaveOwner = "reminder.reassign.save";
    public const string SaveKind = "reminder.kind.save";

    public const string ItemKey = "item";
    public const string DaysKey = "days";
    public const string DueInput = "due";
    public const string OwnerInput = "owner";
    public const string KindInput = "kind";
}

/// <summary>The neutral cards of action-item reminders.</summary>
public static class ReminderCards
{
    public static (string Text, Card Card) Reminder(ActionItem item, Incident? incident, ReminderOccurrence occurrence, int daysPastDue, TimeZoneInfo zone)
    {
        var due = TimeFormat.Day(item.DueDate);
        var (headline, tone) = occurrence.Kind switch
        {
            ReminderKind.HandedOver => ($"{item.Reference} is now yours, due {due}.", CardTone.Accent),
            _ when daysPastDue < 0 => ($"{item.Reference} is due in {Days(-daysPastDue)} ({due}).", CardTone.Default),
            _ when daysPastDue == 0 => ($"{item.Reference} is due today ({due}).", CardTone.Warning),
            _ => ($"{item.Reference} is {Days(daysPastDue)} overdue (it was due {due}).", CardTone.Attention),
        };
        if (occurrence.Kind == ReminderKind.SnoozeOver)
        {
            headline = "Snooze over: " + headline;
        }

        var card = new Card($"Action item {item.Reference}: {item.Title}", Body(item, incident, headline, zone), Buttons(item, snooze: true))
        {
            Subtitle = headline,
            Tone = tone,
            Badge = incident?.IsExercise == true ? "EXERCISE" : null,
        };
        return ($"Reminder: {headline} {item.Title}", card);
    }

    public static (string Text, Card Card) Escalation(ActionItem item, Incident? incident, int daysPastDue, TimeZoneInfo zone)
    {
        var headline = $"{item.Reference}, owned by {item.OwnerName}, is {Days(daysPastDue)} overdue (it was due {TimeFormat.Day(item.DueDate)}). You are told as the incident commander.";
        var card = new Card($"Overdue action item {item.Reference}: {item.Title}", Body(item, incident, headline, zone), Buttons(item, snooze: false))
        {
            Subtitle = $"{Days(daysPastDue)} overdue",
            Tone = CardTone.Attention,
            Badge = incident?.IsExercise == true ? "EXERCISE" : null,
        };
        return ($"Escalation: {headline} {item.Title}", card);
    }

    public static Card DateForm(ActionItem item) => new(
        $"New due date for {item.Reference}",
        [
            new TextElement(item.Title),
            new InputElement(ReminderVerbs.DueInput, "New due date", InputKind.Date) { IsRequired = true, Value = item.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        ],
        [new CardButton("Save", ReminderVerbs.SaveDate, Data(item)) { Style = ButtonStyle.Primary }]);

    public static Card OwnerForm(ActionItem item) => new(
        $"Hand {item.Reference} to someone else",
        [
            new TextElement(item.Title),
            new InputElement(ReminderVerbs.OwnerInput, "New owner", InputKind.Person) { IsRequired = true, Placeholder = "@name" },
        ],
        [new CardButton("Reassign", ReminderVerbs.SaveOwner, Data(item)) { Style = ButtonStyle.Primary }]);

    public static IReadOnlyDictionary<string, string> Data(ActionItem item, string? days = null)
    {
        var data = new Dictionary<string, string> { [ReminderVerbs.ItemKey] = item.Number.ToString(CultureInfo.InvariantCulture) };
        if (days is not null)
        {
            data[ReminderVerbs.DaysKey] = days;
        }

        return data;
    }

    private static List<CardElement> Body(ActionItem item, Incident? incident, string headline, TimeZoneInfo zone)
    {
        var facts = new List<Fact>
        {
            new("Item", item.Reference),
            new("Owner", item.OwnerName),
            new("Due", TimeFormat.Day(item.DueDate)),
        };
        if (incident is not null)
        {
            facts.Add(new("Incident", $"{incident.Reference} {incident.Title}"));
        }

        if (item.SnoozedUntil is { } snoozed)
        {
            // The card's one time, so its zone is written beside it.
            facts.Add(new("Snoozed until", TimeFormat.MomentWithZone(snoozed, zone)));
        }

        return [new TextElement(headline), new FactsElement(facts)];
    }

    private static List<CardButton> Buttons(ActionItem item, bool snooze)
    {
        var buttons = new List<CardButton> { new("Done", ReminderVerbs.Done, Data(item)) { Style = ButtonStyle.Primary, SubmitsInputs = false } };
        // Done, a day's snooze and a new date come first; a week's snooze and reassigning sit behind the "more" menu.
        if (snooze)
        {
            buttons.Add(new("Snooze 1 day", ReminderVerbs.Snooze, Data(item, "1")) { SubmitsInputs = false });
        }

        buttons.Add(new("New date", ReminderVerbs.NewDate, Data(item)) { SubmitsInputs = false });
        if (snooze)
        {
            buttons.Add(new("Snooze 1 week", ReminderVerbs.Snooze, Data(item, "7")) { SubmitsInputs = false });
        }

        buttons.Add(new("Reassign", ReminderVerbs.Reassign, Data(item)) { SubmitsInputs = false });
        return buttons;
    }

    private static string Days(int days) => Plural.Of(days, "day");
}
