using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

// The short forms of the flow: a reason (to skip, to keep one root cause, to publish with open points) or a new wording.
public static partial class PostMortemCards
{
    /// <summary>A short form asking for a reason: to skip a section, to keep one root cause, to publish with open points.</summary>
    public static Card ReasonForm(Incident incident, string title, string question, string label, CardButton submit, IReadOnlyList<CardElement>? before = null)
    {
        var body = new List<CardElement> { new TextElement(question) };
        if (before is not null)
        {
            body.AddRange(before);
        }

        body.Add(new InputElement(PostMortemQuestions.Reason, label, InputKind.MultilineText) { IsRequired = true, MaxLength = PostMortem.MaxReasonLength });
        return new Card(title, body, [submit with { Style = ButtonStyle.Primary }])
        {
            Subtitle = $"{incident.Reference} · {incident.Title}",
            Tone = CardTone.Warning,
            Badge = incident.IsExercise ? "EXERCISE" : null,
        };
    }

    public static Card RewordForm(Incident incident, PostMortemFinding finding, CardButton submit) => new(
        $"Reword {finding.Label.ToLowerInvariant()}",
        [
            new TextElement($"\"{finding.BlameTerm}\" can read as blaming a person.", TextStyle.Body),
            new TextElement($"Suggestion: {finding.BlameSuggestion}", TextStyle.Subtle),
            new InputElement(PostMortemQuestions.Reworded, finding.Label, InputKind.MultilineText) { IsRequired = true, MaxLength = 2000, Value = finding.Text },
        ],
        [submit with { Style = ButtonStyle.Primary }])
    {
        Subtitle = $"{incident.Reference} · {incident.Title}",
        Badge = incident.IsExercise ? "EXERCISE" : null,
    };

    /// <summary>The quality check before publishing, when it has open points: the commander may still publish by giving a reason.</summary>
    public static Card PublishCheck(Incident incident, QualityReport quality)
    {
        var submit = new CardButton("Publish anyway", PostMortemVerbs.Publish, Data(incident, PostMortemSection.Summary));
        return ReasonForm(
            incident,
            $"Not ready to publish · {incident.Reference}",
            "The quality check has open points. Fix them, or publish anyway and say why; the report keeps your reason.",
            "Publish anyway, because…",
            submit,
            Checklist(quality).ToList());
    }
}
