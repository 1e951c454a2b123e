namespace ChatOpsIR.Core.PostMortems;

/// <summary>The button verbs of the post-mortem cards and the keys of their data.</summary>
public static class PostMortemVerbs
{
    /// <summary>The family of every post-mortem button: <see cref="PostMortemActions"/> serves it.</summary>
    public const string Family = "pm.";

    /// <summary>Saves the inputs of a section (a form section's answers, or one more cause, lesson or action item).</summary>
    public const string Answer = "pm.answer";

    /// <summary>Moves on from a list section without adding another item.</summary>
    public const string Next = "pm.next";

    /// <summary>Skips a section with a reason (the commander, a deputy or an incident manager).</summary>
    public const string Skip = "pm.skip";

    /// <summary>Shows a section to the channel and makes it the current one.</summary>
    public const string Open = "pm.open";

    /// <summary>Keeps a cause's or lesson's wording despite a blame hint.</summary>
    public const string Keep = "pm.keep";

    /// <summary>Rewords a flagged cause or lesson.</summary>
    public const string Reword = "pm.reword";

    /// <summary>Runs the quality check and publishes a new version of the report (the commander, a deputy or an incident manager).</summary>
    public const string Publish = "pm.publish";

    public const string IncidentKey = "incident";
    public const string SectionKey = "section";
    public const string NextKey = "next";
    public const string FindingKey = "finding";
    public const string NextSection = "next";
    public const string SameSection = "same";
}
