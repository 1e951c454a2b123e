namespace ChatOpsIR.Web;

/// <summary>
/// The built-in web war room (`WebChat:*`). It has no sign-in: anyone who reaches it can act as anyone, so it
/// is on by default only in Development and with the embedded SQLite database (a local trial), and should stay
/// off on a server that others can reach.
/// </summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>Null means the default: on in Development or with SQLite.</summary>
    public bool? Enabled { get; set; }
}
