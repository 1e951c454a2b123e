using ChatOpsIR.Core.Commands;
using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams.Tests;

public class TeamsTextTests
{
    private static readonly ChannelAccount Bot = new("28:bot", "ChatOpsIR");

    private static Activity Message(string text, params Entity[] entities) => new() { Text = text, Recipient = Bot, Entities = entities };

    private static Entity Mention(string id, string name) => new("mention", $"<at>{name}</at>", new ChannelAccount(id, name));

    [Fact]
    public void The_bot_mention_goes_and_html_spaces_and_entities_are_read_as_text()
    {
        var (line, mentionsBot, people) = TeamsText.CommandLine(Message("<at>ChatOpsIR</at>&nbsp;note <p>FS01 &lt;isolated&gt; &amp; imaged</p>\n", Mention("28:bot", "ChatOpsIR")));
        Assert.True(mentionsBot);
        Assert.Equal("note FS01 <isolated> & imaged", line);
        Assert.Empty(people);
    }

    [Fact]
    public void A_text_that_only_names_the_bot_without_the_mention_entity_is_not_addressed_to_it()
    {
        var (_, mentionsBot, _) = TeamsText.CommandLine(Message("<at>ChatOpsIR</at> note hi"));
        Assert.False(mentionsBot);
    }

    [Fact]
    public void Two_people_with_the_same_name_stay_two_people_the_parser_can_read()
    {
        var activity = new Activity
        {
            Text = "<at>ChatOpsIR</at> role scribe <at>Sam Lee</at> and <at>Sam Lee</at>",
            Recipient = Bot,
            Entities = [Mention("28:bot", "ChatOpsIR"), Mention("29:sam-1", "Sam Lee"), new Entity("mention", "<at>Sam Lee</at>", new ChannelAccount("29:sam-2", "Sam Lee"))],
        };
        var (line, _, people) = TeamsText.CommandLine(activity);
        Assert.Equal("role scribe @Sam\u00A0Lee and @Sam\u00A0Lee\u00A0(2)", line);
        Assert.Equal("29:sam-1", people["Sam\u00A0Lee"].Id);
        Assert.Equal("29:sam-2", people["Sam\u00A0Lee\u00A0(2)"].Id);
        Assert.All(people.Values, p => Assert.Equal("Sam Lee", p.DisplayName));

        // The parser reads each as one person.
        var parsed = CommandParser.Parse("role scribe @Sam\u00A0Lee\u00A0(2)");
        Assert.True(parsed.Success);
        Assert.Equal("29:sam-2", people[Assert.IsType<RoleCommand>(parsed.Command).User.Id].Id);
    }

    [Fact]
    public void Html_message_bodies_become_plain_text()
    {
        Assert.Equal("EDR flagged vssadmin on FS01 next line", TeamsText.HtmlToText("<p>EDR flagged <b>vssadmin</b> on FS01</p><p>next&nbsp;line</p>"));
    }
}
