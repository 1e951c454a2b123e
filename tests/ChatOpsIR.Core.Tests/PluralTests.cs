using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Core.Tests;

public class PluralTests
{
    [Theory]
    [InlineData(0, "gap", null, "0 gaps")]
    [InlineData(1, "gap", null, "1 gap")]
    [InlineData(2, "root cause", null, "2 root causes")]
    [InlineData(1, "entry", "entries", "1 entry")]
    [InlineData(3, "entry", "entries", "3 entries")]
    [InlineData(1, "day", null, "1 day")]
    [InlineData(12, "day", null, "12 days")]
    public void A_count_reads_right_for_one_and_for_many(int count, string singular, string? plural, string expected) =>
        Assert.Equal(expected, Plural.Of(count, singular, plural));

    [Fact]
    public void The_published_summary_counts_without_any_maybe_plural()
    {
        var document = SamplePostMortem.Build();
        var card = PostMortemCards.Published(document, 1, null);
        var counts = card.Body.OfType<TextElement>().Select(t => t.Text).First(t => t.Contains("root cause", StringComparison.Ordinal));

        Assert.StartsWith("2 root causes, 1 lesson, 2 action items of which 1 removes a class of problems.", counts);
        Assert.DoesNotContain("(s)", counts);
    }

    [Fact]
    public void The_report_card_counts_one_timeline_entry_as_one_entry()
    {
        var document = SamplePostMortem.Build(timelineEntries: 40);
        var one = document with { Timeline = [document.Timeline[0]] };

        var text = string.Join("\n", PostMortemCards.Report(one, null).Body.OfType<TextElement>().Select(t => t.Text));

        Assert.Contains("; 1 timeline entry.", text);
    }
}
