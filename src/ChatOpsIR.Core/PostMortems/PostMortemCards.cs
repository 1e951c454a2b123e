using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>
/// The neutral cards of the guided post-mortem: one card per section, the short forms that ask for a reason or a new
/// wording, and the status, report and published summaries, each kind in its own file. This one holds what they
/// share: the data a button carries, the quality checklist, the notification clocks, the names of action-item kinds.
/// </summary>
public static partial class PostMortemCards
{
    public static Dictionary<string, string> Data(Incident incident, PostMortemSection section, string? next = null)
    {
        var data = new Dictionary<string, string>
        {
            [PostMortemVerbs.IncidentKey] = incident.Number.ToString(CultureInfo.InvariantCulture),
            [PostMortemVerbs.SectionKey] = section.Slug(),
        };
        if (next is not null)
        {
            data[PostMortemVerbs.NextKey] = next;
        }

        return data;
    }

    public static IEnumerable<CardElement> Checklist(QualityReport quality)
    {
        yield return new TextElement(quality.Passed ? "Quality check: ready to publish" : "Quality check: open points", TextStyle.Heading);
        yield return new ListElement(quality.Items.Select(i => new ListItem(i.Name, i.Passed ? "✓" : "✗", i.Detail)).ToList());
    }

    public static string? StateLine(PostMortemSectionState state, ViewTimes times) => state.Status switch
    {
        SectionStatus.Answered => $"Answered by {state.ByName}, {times.Moment(state.At!.Value)}.",
        SectionStatus.Skipped => $"Skipped by {state.ByName}, {times.Moment(state.At!.Value)}: {state.SkipReason}",
        _ => null,
    };

    internal static PostMortemSection SectionOf(PostMortemFinding finding) =>
        finding.Kind == FindingKind.RootCause ? PostMortemSection.RootCauses : PostMortemSection.Lessons;

    private static IEnumerable<CardElement> ClockElements(IReadOnlyList<NotificationClock> clocks, DateTime now, ViewTimes times)
    {
        if (clocks.Count == 0)
        {
            yield break;
        }

        yield return new TextElement("Notification clocks", TextStyle.Heading);
        yield return new ListElement(clocks.Select(c => new ListItem(
            $"{c.Regime.Name}: notify {c.Regime.Notify} by {times.Moment(c.DueAt)}",
            c.DescribeLeft(now),
            (c.FromDeclaration ? "Counted from the declaration, because no detection time is marked. " : string.Empty) + c.Regime.Note)).ToList());
    }

    public static string KindTitle(ActionItemKind kind) => kind switch
    {
        ActionItemKind.Configuration => "Configuration change",
        ActionItemKind.PolicyOrProcedure => "Policy or procedure",
        ActionItemKind.Monitoring => "Monitoring",
        ActionItemKind.Training => "Training",
        ActionItemKind.Awareness => "Awareness",
        ActionItemKind.Architecture => "Architecture",
        _ => "Kind not set",
    };

    public static string ReachTitle(ActionItemReach reach) => reach switch
    {
        ActionItemReach.RemovesClass => "removes a class of problems",
        ActionItemReach.PatchesInstance => "patches one instance",
        _ => "reach not set",
    };
}
