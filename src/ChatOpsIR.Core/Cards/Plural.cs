using System.Globalization;

namespace ChatOpsIR.Core.Cards;

/// <summary>Counts in card text that read right for one and for many: "1 gap", "2 gaps", "1 entry", "3 entries".</summary>
public static class Plural
{
    /// <summary>
    /// "<paramref name="count"/> <paramref name="singular"/>" for one, else the count with <paramref name="plural"/> (when
    /// given, for irregular nouns such as "entry" → "entries") or the singular with an "s" on its last word.
    /// </summary>
    public static string Of(int count, string singular, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {Word(count, singular, plural)}";

    /// <summary>Only the noun, singular for one and plural otherwise, for text that writes the count itself.</summary>
    public static string Word(int count, string singular, string? plural = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(singular);
        return count == 1 ? singular : plural ?? singular + "s";
    }
}
