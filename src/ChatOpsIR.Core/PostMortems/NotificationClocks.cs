using System.Text.Json;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.PostMortems;

/// <summary>A notification duty: when data of one of <see cref="Categories"/> is affected, <see cref="Notify"/> must hear within <see cref="DeadlineHours"/>.</summary>
public sealed class NotificationRegime
{
    public string Name { get; set; } = string.Empty;
    public List<string> Categories { get; set; } = [];
    public double DeadlineHours { get; set; }
    public string Notify { get; set; } = string.Empty;
    public string? Note { get; set; }
}

/// <summary>A running clock: a regime triggered by a data category, counted from the incident's "detected" moment.</summary>
public sealed record NotificationClock(NotificationRegime Regime, string Category, DateTime StartsAt, bool FromDeclaration)
{
    public DateTime DueAt => StartsAt.AddHours(Regime.DeadlineHours);

    public TimeSpan Left(DateTime now) => DueAt - now;

    public bool IsOverdue(DateTime now) => now > DueAt;

    /// <summary>"41 h left", "due in 12 days", "overdue by 3 h".</summary>
    public string DescribeLeft(DateTime now)
    {
        var left = Left(now);
        return left < TimeSpan.Zero ? $"overdue by {Span(-left)}" : $"{Span(left)} left";
    }

    private static string Span(TimeSpan span) => span.TotalHours >= 72
        ? $"{(int)span.TotalDays} days {span.Hours} h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(0, span.Minutes)} min";
}

/// <summary>
/// The notification regimes as configuration data (<c>PostMortem:NotificationRegimes</c>), with a built-in default set.
/// Which ones apply follows from the data categories recorded in the impact section.
/// </summary>
public sealed class NotificationClocks
{
    public NotificationClocks(IEnumerable<NotificationRegime> regimes)
    {
        Regimes = regimes.ToList();
        foreach (var regime in Regimes)
        {
            if (string.IsNullOrWhiteSpace(regime.Name) || regime.Categories.Count == 0 || regime.DeadlineHours <= 0 || string.IsNullOrWhiteSpace(regime.Notify))
            {
                throw new ConfigurationException($"PostMortem:NotificationRegimes: every regime needs a Name, at least one of the Categories, a DeadlineHours above 0 and whom to Notify ('{regime.Name}' does not).");
            }

            var unknown = regime.Categories.FirstOrDefault(c => PostMortemQuestions.DataCategories.All(d => d.Value != c));
            if (unknown is not null)
            {
                throw new ConfigurationException($"PostMortem:NotificationRegimes: '{regime.Name}' names the category '{unknown}'; use one of {string.Join(", ", PostMortemQuestions.DataCategories.Select(d => d.Value))}.");
            }
        }
    }

    public IReadOnlyList<NotificationRegime> Regimes { get; }

    public static NotificationClocks Default { get; } = new(LoadDefaults());

    public static IReadOnlyList<NotificationRegime> LoadDefaults()
    {
        using var stream = typeof(NotificationClocks).Assembly.GetManifestResourceStream("ChatOpsIR.Core.PostMortems.notification-regimes.json")
            ?? throw new InvalidOperationException("The built-in notification regimes are missing from the assembly.");
        return JsonSerializer.Deserialize<List<NotificationRegime>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    /// <summary>The clocks the recorded data categories start, soonest due first.</summary>
    public IReadOnlyList<NotificationClock> For(Incident incident, PostMortem? postMortem)
    {
        var recorded = postMortem?.Value(PostMortemSection.Impact, PostMortemQuestions.ImpactData);
        if (string.IsNullOrWhiteSpace(recorded))
        {
            return [];
        }

        var categories = recorded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var start = incident.DetectedAt ?? incident.DeclaredAt;
        return Regimes
            .SelectMany(r => categories.Where(r.Categories.Contains).Take(1).Select(c => new NotificationClock(r, c, start, incident.DetectedAt is null)))
            .OrderBy(c => c.DueAt)
            .ToList();
    }
}
