using System.Text.Json.Serialization;

namespace ChatOpsIR.Core.Cards;

/// <summary>
/// A platform-neutral card. Core describes what to show; the Teams and web adapters render it as an
/// Adaptive Card, the Slack adapter as Block Kit.
/// </summary>
/// <remarks>
/// Card text is plain text with one inline markup, read by <see cref="InlineText"/>: <c>`…`</c> is inline code and
/// <c>_…_</c> (at word boundaries) is emphasis. Body text (<see cref="TextElement"/>, list item text, fact values, the
/// subtitle) shows it as code and emphasis where the platform can; text that can only be a string (the title, button
/// titles, input labels, placeholders, fallback text) drops the markers. Everything else is escaped by the renderers, so
/// nothing a user typed can become a link, a mention, a heading or a broadcast. Build markup around values with
/// <see cref="InlineText.Code"/> and <see cref="InlineText.Emphasis"/>, which neutralise delimiters inside them.
/// </remarks>
public sealed record Card
{
    public Card(string title, IReadOnlyList<CardElement>? body = null, IReadOnlyList<CardButton>? buttons = null)
    {
        Title = title;
        Body = body ?? [];
        Buttons = buttons ?? [];
    }

    public string Title { get; init; }
    public string? Subtitle { get; init; }
    public CardTone Tone { get; init; } = CardTone.Default;

    /// <summary>A label shown prominently on the card, such as "EXERCISE".</summary>
    public string? Badge { get; init; }

    public IReadOnlyList<CardElement> Body { get; init; }
    public IReadOnlyList<CardButton> Buttons { get; init; }

    /// <summary>A one-line version for notifications and clients that cannot show cards; renderers drop its markup markers (<see cref="InlineText.ToPlain"/>).</summary>
    public string FallbackText => Subtitle is null ? Title : $"{Title}: {Subtitle}";
}

public enum CardTone
{
    Default = 0,
    Good = 1,
    Warning = 2,
    Attention = 3,
    Accent = 4,
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextElement), "text")]
[JsonDerivedType(typeof(FactsElement), "facts")]
[JsonDerivedType(typeof(ListElement), "list")]
[JsonDerivedType(typeof(InputElement), "input")]
public abstract record CardElement;

public enum TextStyle
{
    Body = 0,
    Heading = 1,
    Subtle = 2,
    /// <summary>Code as a whole, shown verbatim: backticks and underscores in it are content, not <see cref="InlineText"/> markup.</summary>
    Monospace = 3,
    Error = 4,
}

/// <summary>
/// A paragraph. <see cref="Text"/> may hold inline code (<c>`note &lt;text&gt; at 14:05`</c>) and emphasis (<c>_draft_</c>)
/// as <see cref="InlineText"/> defines them; renderers show them as such and never show the markers.
/// </summary>
public sealed record TextElement(string Text, TextStyle Style = TextStyle.Body) : CardElement;

public sealed record Fact(string Title, string Value);

public sealed record FactsElement(IReadOnlyList<Fact> Facts) : CardElement;

/// <summary>A list of lines, each with an optional leading label (a time, a reference).</summary>
public sealed record ListElement(IReadOnlyList<ListItem> Items, string? EmptyText = null) : CardElement;

public sealed record ListItem(string Text, string? Label = null, string? Detail = null);

public enum InputKind
{
    Text = 0,
    MultilineText = 1,
    Date = 2,
    Toggle = 3,
    Choice = 4,
    MultiChoice = 5,

    /// <summary>A person: a user picker where the platform has one (Slack), else a name or @mention typed as text.</summary>
    Person = 6,
}

public sealed record Choice(string Title, string Value);

public sealed record InputElement(string Id, string Label, InputKind Kind) : CardElement
{
    public bool IsRequired { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public int? MaxLength { get; init; }
    public IReadOnlyList<Choice> Choices { get; init; } = [];
}

public enum ButtonStyle
{
    Default = 0,
    Primary = 1,
    Danger = 2,
}

/// <summary>A button: pressing it sends <see cref="Verb"/> with <see cref="Data"/> (plus the card's inputs) back to Core.</summary>
/// <remarks>
/// Titles are plain text of at most <see cref="MaxTitleLength"/> characters, so they read whole on a narrow card. Renderers
/// show the first <see cref="VisibleButtons"/> buttons and put the rest in the platform's "more" menu, so a card lists
/// its most useful buttons first (the primary one first of all).
/// </remarks>
public sealed record CardButton(string Title, string Verb, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>The longest button title that still reads whole on a 600 px card.</summary>
    public const int MaxTitleLength = 20;

    /// <summary>How many buttons a card shows before the rest go into a "more" menu.</summary>
    public const int VisibleButtons = 3;

    public ButtonStyle Style { get; init; } = ButtonStyle.Default;

    /// <summary>When set, the platform asks the person to confirm with this question first.</summary>
    public string? Confirm { get; init; }

    /// <summary>False for a button that must not send (or wait for) the card's inputs, such as "Skip" beside a form.</summary>
    public bool SubmitsInputs { get; init; } = true;

    /// <summary>When set, the button opens this web address instead of sending anything back.</summary>
    public string? Url { get; init; }

    /// <summary>A button that opens a web page.</summary>
    public static CardButton Link(string title, string url) =>
        new(title, CardVerbs.OpenUrl, new Dictionary<string, string>()) { Url = url };

    /// <summary>A button that runs a command line of the grammar, exactly as if it had been typed.</summary>
    public static CardButton Command(string title, string commandLine, ButtonStyle style = ButtonStyle.Default, string? confirm = null) =>
        new(title, CardVerbs.RunCommand, new Dictionary<string, string> { [CardVerbs.CommandLineKey] = commandLine })
        {
            Style = style,
            Confirm = confirm,
        };
}

/// <summary>The verbs every card may carry, and how any verb names the family of buttons it belongs to.</summary>
public static class CardVerbs
{
    public const string RunCommand = "command.run";
    public const string OpenUrl = "url.open";
    public const string CommandLineKey = "line";

    /// <summary>
    /// The family of a verb: its text up to and including the first dot ("pm." for "pm.answer", "reminder." for
    /// "reminder.date.save"); empty when it has no dot. A guided flow's buttons share one family, its routing key.
    /// </summary>
    public static string FamilyOf(string verb) => verb[..(verb.IndexOf('.', StringComparison.Ordinal) + 1)];
}
