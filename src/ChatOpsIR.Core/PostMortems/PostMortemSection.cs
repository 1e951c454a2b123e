namespace ChatOpsIR.Core.PostMortems;

/// <summary>The nine sections the bot walks a channel through, in order.</summary>
public enum PostMortemSection
{
    Scope = 1,
    Timeline = 2,
    RootCauses = 3,
    Impact = 4,
    Response = 5,
    Lessons = 6,
    ActionItems = 7,
    Training = 8,
    Summary = 9,
}

public enum SectionStatus
{
    NotStarted = 0,
    Answered = 1,
    Skipped = 2,
}

public static class PostMortemSections
{
    public const int Count = 9;

    public static IReadOnlyList<PostMortemSection> All { get; } = Enum.GetValues<PostMortemSection>();

    public static int Number(this PostMortemSection section) => (int)section;

    /// <summary>The stable name used in card data and links.</summary>
    public static string Slug(this PostMortemSection section) => section switch
    {
        PostMortemSection.Scope => "scope",
        PostMortemSection.Timeline => "timeline",
        PostMortemSection.RootCauses => "root-causes",
        PostMortemSection.Impact => "impact",
        PostMortemSection.Response => "response",
        PostMortemSection.Lessons => "lessons",
        PostMortemSection.ActionItems => "action-items",
        PostMortemSection.Training => "training",
        PostMortemSection.Summary => "summary",
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    public static string Title(this PostMortemSection section) => section switch
    {
        PostMortemSection.Scope => "Scope and sources",
        PostMortemSection.Timeline => "Timeline review",
        PostMortemSection.RootCauses => "Root causes",
        PostMortemSection.Impact => "Impact",
        PostMortemSection.Response => "Response evaluation",
        PostMortemSection.Lessons => "Lessons learned",
        PostMortemSection.ActionItems => "Action items",
        PostMortemSection.Training => "Training and awareness",
        PostMortemSection.Summary => "Summary and publish",
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    /// <summary>Sections that collect a list (causes, lessons, action items) rather than one set of answers.</summary>
    public static bool IsList(this PostMortemSection section) =>
        section is PostMortemSection.RootCauses or PostMortemSection.Lessons or PostMortemSection.ActionItems;

    public static bool TryParse(string? slug, out PostMortemSection section)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Slug(), slug?.Trim(), StringComparison.OrdinalIgnoreCase) || slug?.Trim() == candidate.Number().ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                section = candidate;
                return true;
            }
        }

        section = default;
        return false;
    }

    public static PostMortemSection? Next(this PostMortemSection section) =>
        section == PostMortemSection.Summary ? null : section + 1;
}

/// <summary>The seven first principles a root cause is tagged with; the metrics count which fail most.</summary>
public static class FirstPrinciples
{
    public static IReadOnlyList<(string Value, string Title)> All { get; } =
    [
        ("comprehensivity", "Comprehensivity"),
        ("opportunity", "Opportunity"),
        ("rigor", "Rigor"),
        ("minimization", "Minimization"),
        ("compartmentation", "Compartmentation"),
        ("fault-tolerance", "Fault tolerance"),
        ("proportionality", "Proportionality"),
    ];

    public static string Title(string value) => All.FirstOrDefault(p => p.Value == value).Title ?? value;

    public static bool IsKnown(string value) => All.Any(p => p.Value == value);

    /// <summary>The principle's place in the list (unknown values last), for stable ordering of ties.</summary>
    public static int Order(string value)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Value == value)
            {
                return i;
            }
        }

        return All.Count;
    }
}
