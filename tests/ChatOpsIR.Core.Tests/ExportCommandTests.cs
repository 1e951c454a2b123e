using ChatOpsIR.Core.Commands;

namespace ChatOpsIR.Core.Tests;

/// <summary>How `export` reads, and what a mistyped one answers.</summary>
public sealed class ExportCommandTests
{
    [Theory]
    [InlineData("export", null)]
    [InlineData("export INC-0004", 4)]
    [InlineData("EXPORT inc-7", 7)]
    public void Export_names_the_channel_incident_or_one_by_reference(string line, int? number)
    {
        var parsed = CommandParser.Parse(line);

        Assert.IsType<ExportCommand>(parsed.Command);
        Assert.Equal(number, parsed.Command!.IncidentNumber);
    }

    [Theory]
    [InlineData("export plan", null)]
    [InlineData("export plan 2026", 2026)]
    public void Export_plan_takes_an_optional_year(string line, int? year)
    {
        Assert.Equal(year, Assert.IsType<ExportPlanCommand>(CommandParser.Parse(line).Command).Year);
    }

    [Theory]
    [InlineData("export everything", "`export` takes an incident reference such as `INC-0003`, or `plan [year]`")]
    [InlineData("export plan last-year", "`export plan` takes a year such as 2026")]
    [InlineData("export plan 26", "`export plan` takes a year such as 2026")]
    public void Anything_else_is_refused_with_the_usage(string line, string message)
    {
        var parsed = CommandParser.Parse(line);

        Assert.False(parsed.Success);
        Assert.StartsWith(message, parsed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("export [INC-n] · export plan [year]", parsed.Error.Usage);
    }

    [Fact]
    public void Help_export_explains_it_in_our_words()
    {
        var help = HelpCatalog.Find("export")!;

        Assert.Contains("scripts/verify-export.sh", help.Details, StringComparison.Ordinal);
        Assert.Contains("1:1 chat", help.Details, StringComparison.Ordinal);
    }
}
