using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.Tests;

public class DeclareFormTests
{
    [Fact]
    public void A_complete_form_becomes_the_command_line_a_person_would_type()
    {
        Assert.True(DeclareForm.TryBuildLine(new Dictionary<string, string>
        {
            [DeclareForm.Title] = "  Ransomware on FS01 ",
            [DeclareForm.Severity] = "2",
            [DeclareForm.Exercise] = "tabletop",
            [DeclareForm.NewChannel] = "true",
        }, out var line, out _));
        Assert.Equal("declare Ransomware on FS01 sev2 tabletop new-channel", line);
        var parsed = Assert.IsType<DeclareCommand>(CommandParser.Parse(line).Command);
        Assert.Equal("Ransomware on FS01", parsed.Title);
    }

    [Fact]
    public void Every_wrong_field_gets_its_own_message()
    {
        Assert.False(DeclareForm.TryBuildLine(new Dictionary<string, string>
        {
            [DeclareForm.Title] = " ",
            [DeclareForm.Severity] = "9",
            [DeclareForm.Exercise] = "drill",
        }, out _, out var errors));
        Assert.Equal([DeclareForm.Title, DeclareForm.Severity, DeclareForm.Exercise], errors.Keys.Order().ToArray().OrderBy(k => k == DeclareForm.Title ? 0 : k == DeclareForm.Severity ? 1 : 2));
        Assert.Contains("title", errors[DeclareForm.Title]);
    }

    [Fact]
    public void The_form_asks_for_title_severity_and_kind_and_offers_a_channel_only_where_one_can_be_made()
    {
        var ids = DeclareForm.Build(offerNewChannel: true).Body.OfType<InputElement>().Select(i => i.Id).ToList();
        Assert.Equal([DeclareForm.Title, DeclareForm.Severity, DeclareForm.Exercise, DeclareForm.NewChannel, DeclareForm.Private], ids);
        Assert.DoesNotContain(DeclareForm.NewChannel, DeclareForm.Build(offerNewChannel: false).Body.OfType<InputElement>().Select(i => i.Id));
    }

    [Fact]
    public void Ticking_private_declares_a_private_incident_with_a_channel_of_its_own()
    {
        Assert.True(DeclareForm.TryBuildLine(new Dictionary<string, string>
        {
            [DeclareForm.Title] = "Mailbox read by a colleague",
            [DeclareForm.Severity] = "2",
            [DeclareForm.Exercise] = "real",
            [DeclareForm.Private] = "true",
        }, out var line, out _));
        Assert.Equal("declare Mailbox read by a colleague sev2 private", line);
        var parsed = Assert.IsType<DeclareCommand>(CommandParser.Parse(line).Command);
        Assert.True(parsed.Private);
        Assert.True(parsed.OpensChannel);
        Assert.False(parsed.NewChannel);
        Assert.Equal("Mailbox read by a colleague", parsed.Title);
    }
}
