using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Incidents;

/// <summary>The button verbs and form inputs of evidence cards; <see cref="EvidenceActions"/> serves them on every platform.</summary>
public static class EvidenceVerbs
{
    public const string Family = "evidence.";

    /// <summary>The record form (a bare `evidence`) submitted.</summary>
    public const string Record = "evidence.record";

    /// <summary>The item card's button: opens the custody-step form.</summary>
    public const string Step = "evidence.step";

    /// <summary>The custody-step form submitted.</summary>
    public const string SaveStep = "evidence.step.save";

    public const string IncidentKey = "incident";
    public const string ItemKey = "item";

    public const string DescriptionInput = "evidence.description";
    public const string HashInput = "evidence.sha256";
    public const string LocationInput = "evidence.location";
    public const string StepInput = "evidence.kind";
    public const string PersonInput = "evidence.person";
    public const string DetailsInput = "evidence.details";
}

/// <summary>The neutral cards of evidence: an item with its chain of custody, the list, and the two forms.</summary>
public static class EvidenceCards
{
    /// <summary>How many steps an item's card shows; the report always has them all.</summary>
    public const int ShownSteps = 15;

    public static Card Item(Evidence item, Incident incident, TimeZoneInfo zone, string? headline = null, CardTone? tone = null)
    {
        var facts = new List<Fact>
        {
            new("State", item.Describe()),
            new(item.InCustody ? "Held by" : "Last held by", item.Holder.DisplayName),
            new("Collected", $"{TimeFormat.MomentWithZone(item.CollectedAt, zone)} by {item.CollectedByName}"),
            new("SHA-256", item.Sha256 ?? "not recorded — " + InlineText.Code($"evidence verify {item.Reference} <sha256>") + " records one"),
        };
        if (item.StoredAt is { } where)
        {
            facts.Add(new("Stored at", where));
        }

        if (item.Link is { } link)
        {
            facts.Add(new("Location", link));
        }

        facts.AddRange(FileFacts(item));
        if (item.SupersededReason is { } reason)
        {
            facts.Add(new("Superseded", reason));
        }

        var body = new List<CardElement> { new TextElement(item.Description) };
        if (headline is not null)
        {
            body.Insert(0, new TextElement(headline, tone == CardTone.Attention ? TextStyle.Error : TextStyle.Body));
        }

        body.Add(new FactsElement(facts));
        body.Add(new TextElement("Chain of custody", TextStyle.Heading));
        var steps = item.Custody;
        var shown = steps.Skip(Math.Max(0, steps.Count - ShownSteps)).Select(c => new ListItem(c.Summary(), TimeFormat.Moment(c.At, zone))).ToList();
        body.Add(new ListElement(shown));
        if (steps.Count > ShownSteps)
        {
            body.Add(new TextElement($"The {steps.Count - ShownSteps} earlier steps are in the report.", TextStyle.Subtle));
        }

        var buttons = new List<CardButton>
        {
            new("Custody step", EvidenceVerbs.Step, Data(incident, item)) { SubmitsInputs = false },
        };
        return new Card($"Evidence {item.Reference} · {incident.Reference}", body, buttons)
        {
            Tone = tone ?? (item.IsSuperseded || item.Sha256 is null ? CardTone.Warning : CardTone.Default),
            Badge = item.IsSuperseded ? "SUPERSEDED" : item.InCustody ? null : item.State.ToString().ToUpperInvariant(),
        };
    }

    public static Card List(IReadOnlyList<Evidence> items, Incident incident)
    {
        var list = items.OrderBy(i => i.Number).Select(i => new ListItem(
            $"{i.Description} — {(i.InCustody ? $"held by {i.Holder.DisplayName}" : $"{i.Describe()}, last held by {i.Holder.DisplayName}")}{(i.IsSuperseded && i.InCustody ? " (superseded)" : string.Empty)}",
            i.Reference,
            i.Sha256 is null ? "no hash recorded" : $"SHA-256 {i.Sha256[..12]}…")).ToList();
        var held = items.Count(i => i.InCustody);
        return new Card($"Evidence · {incident.Reference}",
        [
            new ListElement(list, "No evidence recorded yet. Record an item with `evidence <description> [sha256] [link]`."),
            new TextElement($"{held} in custody, {items.Count - held} released or disposed of. `evidence E2` shows an item's chain of custody.", TextStyle.Subtle),
        ]);
    }

    /// <summary>The form behind a bare `evidence`.</summary>
    public static Card RecordForm(Incident incident) => new("Record evidence",
        [
            new InputElement(EvidenceVerbs.DescriptionInput, "What is it?", InputKind.Text) { IsRequired = true, MaxLength = Evidence.MaxDescriptionLength, Placeholder = "e.g. Memory image of FS01" },
            new InputElement(EvidenceVerbs.HashInput, "SHA-256", InputKind.Text) { MaxLength = 64, Placeholder = "64 hexadecimal characters, if you have it" },
            new InputElement(EvidenceVerbs.LocationInput, "Where is it?", InputKind.Text) { MaxLength = CustodyEntry.MaxTextLength, Placeholder = "A link, or the locker, bucket or path" },
        ],
        [new CardButton("Record", EvidenceVerbs.Record, IncidentData(incident)) { Style = ButtonStyle.Primary }])
    {
        Subtitle = $"{incident.Reference}: you are its first holder.",
    };

    /// <summary>The form of the item card's "Custody step" button.</summary>
    public static Card StepForm(Evidence item, Incident incident)
    {
        var steps = item.InCustody
            ? new List<Choice> { new("Stored at…", "stored"), new("Handed to…", "transfer"), new("Hash verified", "verify"), new("Released", "release"), new("Disposed of", "dispose"), new("Superseded", "supersede") }
            : [new("Hash verified", "verify")];
        return new Card($"Custody step · {item.Reference}",
            [
                new TextElement(item.Description),
                new InputElement(EvidenceVerbs.StepInput, "Step", InputKind.Choice) { IsRequired = true, Value = steps[0].Value, Choices = steps },
                new InputElement(EvidenceVerbs.PersonInput, "Handed to (for a hand-over)", InputKind.Person) { Placeholder = "@name" },
                new InputElement(EvidenceVerbs.DetailsInput, "Where, or why and how", InputKind.MultilineText) { MaxLength = CustodyEntry.MaxTextLength, Placeholder = "Locker 4, shelf B / For imaging at the lab" },
                new InputElement(EvidenceVerbs.HashInput, "SHA-256 (to verify)", InputKind.Text) { MaxLength = 64 },
            ],
            [new CardButton("Record step", EvidenceVerbs.SaveStep, Data(incident, item)) { Style = ButtonStyle.Primary }])
        {
            Subtitle = $"{incident.Reference}: held by {item.Holder.DisplayName}, {item.Describe()}.",
        };
    }

    /// <summary>The file facts of an item taken from a message with a file, when there is one.</summary>
    public static IEnumerable<Fact> FileFacts(Evidence item)
    {
        if (item.FileName is { } name)
        {
            yield return new("File", name);
        }

        if (item.FileSize is { } size)
        {
            yield return new("Size", Size(size));
        }

        if (item.ContentType is { } type)
        {
            yield return new("Type", type);
        }

        if (item.SharedByName is { } by)
        {
            yield return new("Shared by", by);
        }
    }

    /// <summary>"2.4 MB (2,516,582 bytes)".</summary>
    public static string Size(long bytes)
    {
        var exact = bytes.ToString("N0", CultureInfo.InvariantCulture) + (bytes == 1 ? " byte" : " bytes");
        string[] units = ["KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit < 0 ? exact : $"{value.ToString("0.#", CultureInfo.InvariantCulture)} {units[unit]} ({exact})";
    }

    private static Dictionary<string, string> IncidentData(Incident incident) =>
        new() { [EvidenceVerbs.IncidentKey] = incident.Number.ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, string> Data(Incident incident, Evidence item) =>
        new(IncidentData(incident)) { [EvidenceVerbs.ItemKey] = item.Number.ToString(CultureInfo.InvariantCulture) };
}
