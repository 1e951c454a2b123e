using System.Text;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Workflows;

/// <summary>
/// The form behind a bare `declare`: the same fields on every platform (a modal in Slack, an Adaptive Card in Teams
/// and the web war room). A submission becomes an ordinary command line, so it follows exactly the same rules.
/// </summary>
public static class DeclareForm
{
    public const string SubmitVerb = "declare.submit";
    public const string Title = "declare.title";
    public const string Severity = "declare.severity";
    public const string Exercise = "declare.exercise";
    public const string NewChannel = "declare.newChannel";
    public const string Private = "declare.private";

    public static Card Build(bool offerNewChannel)
    {
        var body = new List<CardElement>
        {
            new InputElement(Title, "What is happening?", InputKind.Text) { IsRequired = true, MaxLength = Incident.MaxTitleLength, Placeholder = "e.g. Ransomware on file server FS01" },
            new InputElement(Severity, "Severity", InputKind.Choice)
            {
                IsRequired = true,
                Value = "3",
                Choices = [new("SEV1 (critical)", "1"), new("SEV2 (high)", "2"), new("SEV3 (moderate)", "3"), new("SEV4 (low)", "4")],
            },
            new InputElement(Exercise, "Is this real?", InputKind.Choice)
            {
                IsRequired = true,
                Value = "real",
                Choices = [new("Real incident", "real"), new("Tabletop exercise", "tabletop"), new("Simulation exercise", "simulation")],
            },
        };
        if (offerNewChannel)
        {
            body.Add(new InputElement(NewChannel, "Open a dedicated war-room channel", InputKind.Toggle));
        }

        body.Add(new InputElement(Private, "Private: only the people I let in see it (insider or HR matters)", InputKind.Toggle));

        return new Card("Declare an incident", body, [new CardButton("Declare", SubmitVerb, new Dictionary<string, string>()) { Style = ButtonStyle.Primary }])
        {
            Subtitle = "You become the incident commander.",
            Tone = CardTone.Attention,
        };
    }

    /// <summary>The command line for a submission, or the errors to show beside each field.</summary>
    public static bool TryBuildLine(IReadOnlyDictionary<string, string> values, out string line, out IReadOnlyDictionary<string, string> errors)
    {
        var problems = new Dictionary<string, string>();
        var title = (values.GetValueOrDefault(Title) ?? string.Empty).Trim();
        if (title.Length == 0)
        {
            problems[Title] = "Give the incident a title.";
        }
        else if (title.Length > Incident.MaxTitleLength)
        {
            problems[Title] = $"Keep the title under {Incident.MaxTitleLength} characters.";
        }
        else if (title.Contains('\n', StringComparison.Ordinal))
        {
            problems[Title] = "Keep the title on one line.";
        }

        var severity = values.GetValueOrDefault(Severity) ?? "3";
        if (severity is not ("1" or "2" or "3" or "4"))
        {
            problems[Severity] = "Pick a severity from SEV1 to SEV4.";
        }

        var exercise = values.GetValueOrDefault(Exercise) ?? "real";
        if (exercise is not ("real" or "tabletop" or "simulation"))
        {
            problems[Exercise] = "Pick real, tabletop or simulation.";
        }

        errors = problems;
        if (problems.Count > 0)
        {
            line = string.Empty;
            return false;
        }

        var builder = new StringBuilder("declare ").Append(title).Append(" sev").Append(severity);
        if (exercise != "real")
        {
            builder.Append(' ').Append(exercise);
        }

        if (values.GetValueOrDefault(NewChannel) == "true")
        {
            builder.Append(" new-channel");
        }

        if (values.GetValueOrDefault(Private) == "true")
        {
            builder.Append(" private");
        }

        line = builder.ToString();
        return true;
    }
}
