namespace ChatOpsIR.Web;

/// <summary>
/// The built-in web war room (`WebChat:*`). With sign-in configured (`WebChat:Authentication:*`) people act as
/// themselves; without it anyone who reaches it can act as anyone, so that mode runs only in Development (answering
/// loopback only) and in tests that allow it, and any other host with the war room on refuses to start.
/// </summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>Null means the default: on in Development, or wherever sign-in is configured.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// The integration tests' switch for the name picker without sign-in (environment `Testing` only; refused anywhere
    /// else). Development needs no switch.
    /// </summary>
    public bool AllowUnauthenticated { get; set; }
}
