using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsIR.Slack.Ingress;

/// <summary>Turns Slack's message markup into the plain text ChatOpsIR stores, and Slack times into UTC.</summary>
public static partial class SlackMarkup
{
    /// <summary>
    /// Plain text of a Slack message: `&lt;@U1|bob&gt;` → @bob, `&lt;!here&gt;` → @here, `&lt;#C1|room&gt;` → #room,
    /// `&lt;https://x|label&gt;` → label (https://x); then Slack's &amp;amp; &amp;lt; &amp;gt; are decoded.
    /// </summary>
    public static string ToPlain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var plain = Markup().Replace(text, m => Readable(m.Groups["body"].Value));
        return Decode(plain);
    }

    /// <summary>Slack's message timestamp ("1732530000.000100") as a UTC time.</summary>
    public static DateTime? TsToUtc(string? ts)
    {
        if (string.IsNullOrEmpty(ts) || !decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            return null;
        }

        var ticks = (long)(seconds * TimeSpan.TicksPerSecond);
        return DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(ticks), DateTimeKind.Utc);
    }

    private static string Readable(string body)
    {
        var bar = body.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? body : body[..bar];
        var label = bar < 0 ? null : body[(bar + 1)..];
        return target switch
        {
            _ when target.StartsWith('@') => "@" + (label ?? target[1..]),
            _ when target.StartsWith('#') => "#" + (label ?? target[1..]),
            _ when target.StartsWith("!subteam^", StringComparison.Ordinal) => "@" + (label ?? "group"),
            _ when target.StartsWith("!date^", StringComparison.Ordinal) => label ?? "(a date)",
            _ when target.StartsWith('!') => "@" + target[1..],
            _ => label is null || label == target ? target : $"{label} ({target})",
        };
    }

    /// <summary>Slack's three escapes (&amp;amp; &amp;lt; &amp;gt;) decoded.</summary>
    internal static string Decode(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex("<(?<body>[^<>]{1,2000})>")]
    private static partial Regex Markup();
}
