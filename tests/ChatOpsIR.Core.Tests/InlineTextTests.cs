using ChatOpsIR.Core.Cards;

namespace ChatOpsIR.Core.Tests;

public class InlineTextTests
{
    private static string Shape(string text) =>
        string.Join("|", InlineText.Parse(text).Select(r => $"{r.Kind}:{r.Text}"));

    [Fact]
    public void Backticks_make_inline_code_and_the_markers_are_not_part_of_the_text()
    {
        Assert.Equal("Plain:Add missing events with |Code:note <text> at 14:05|Plain:.", Shape("Add missing events with `note <text> at 14:05`."));
        Assert.Equal("Add missing events with note <text> at 14:05.", InlineText.ToPlain("Add missing events with `note <text> at 14:05`."));
    }

    [Fact]
    public void Underscores_at_word_boundaries_make_emphasis()
    {
        Assert.Equal("Plain:The report is a |Emphasis:draft|Plain:, not published.", Shape("The report is a _draft_, not published."));
        Assert.Equal("Emphasis:two words", Shape("_two words_"));
        Assert.Equal("Plain:(|Emphasis:aside|Plain:)", Shape("(_aside_)"));
    }

    [Theory]
    [InlineData("restart file_name_here now")]
    [InlineData("__init__ and snake_case_name")]
    [InlineData("a lone ` backtick")]
    [InlineData("an empty `` pair")]
    [InlineData("a lone _ underscore")]
    [InlineData("_ spaced_ and _spaced _")]
    [InlineData("`across\nlines`")]
    [InlineData("_across\nlines_")]
    [InlineData("2 * 3 = 6 <@U123> <!channel> [link](https://x.invalid) # heading")]
    public void Text_without_a_matched_pair_stays_plain_exactly_as_written(string text)
    {
        Assert.Equal($"Plain:{text}", Shape(text));
        Assert.Equal(text, InlineText.ToPlain(text));
        Assert.False(InlineText.HasMarkup(text));
    }

    [Fact]
    public void Nothing_inside_code_is_markup()
    {
        Assert.Equal("Plain:run |Code:rm _tmp_ *x*|Plain: now", Shape("run `rm _tmp_ *x*` now"));
    }

    [Fact]
    public void Emphasis_does_not_run_into_code()
    {
        Assert.Equal("Plain:_see |Code:x|Plain:_", Shape("_see `x`_"));
    }

    [Fact]
    public void Underscores_inside_emphasis_that_sit_inside_words_do_not_end_it()
    {
        Assert.Equal("Emphasis:my_file name", Shape("_my_file name_"));
    }

    [Fact]
    public void Code_builder_neutralises_backticks_and_line_breaks_so_the_span_cannot_end_early()
    {
        var built = InlineText.Code("echo `id`\nls");
        Assert.Equal([new InlineRun(InlineKind.Code, "echo ˋidˋ ls")], InlineText.Parse(built));
        Assert.Equal(string.Empty, InlineText.Code("  "));
    }

    [Fact]
    public void Emphasis_builder_neutralises_underscores_and_backticks()
    {
        var built = InlineText.Emphasis(" a_ b `c` ");
        Assert.Equal([new InlineRun(InlineKind.Emphasis, "aˍ b ˋcˋ")], InlineText.Parse($"see {built}.").Where(r => r.Kind == InlineKind.Emphasis));
        Assert.Equal(string.Empty, InlineText.Emphasis("\n"));
    }

    [Fact]
    public void Built_pieces_round_trip_inside_other_text()
    {
        var text = $"Type {InlineText.Code("postmortem")} to start; this is {InlineText.Emphasis("important")}.";
        Assert.Equal("Plain:Type |Code:postmortem|Plain: to start; this is |Emphasis:important|Plain:.", Shape(text));
        Assert.Equal("Type postmortem to start; this is important.", InlineText.ToPlain(text));
    }
}
