using ChatOpsIR.Core.Commands;
using ChatOpsIR.Slack.Ingress;

namespace ChatOpsIR.Slack.Tests;

/// <summary>Slack's references to people become Core's neutral <c>@word</c> and the person behind each word.</summary>
public class SlackMentionsTests
{
    [Fact]
    public void A_mention_with_its_name_becomes_the_name_as_a_word()
    {
        var line = SlackMentions.Translate("role scribe <@U0002|bob>");

        Assert.Equal("role scribe @bob", line.Text);
        Assert.Equal(new UserMention("U0002", "bob"), Assert.Single(line.Mentions, m => m.Key == "bob").Value);
        Assert.True(CommandParser.Parse(line.Text).Success);
    }

    [Fact]
    public void A_mention_without_a_name_becomes_the_user_id_and_leaves_the_name_to_the_directory()
    {
        var line = SlackMentions.Translate("action <@W0002> tomorrow Rotate the keys");

        Assert.Equal("action @W0002 tomorrow Rotate the keys", line.Text);
        Assert.Equal(new UserMention("W0002", null), line.Mentions["W0002"]);
    }

    [Fact]
    public void A_typed_user_id_is_not_a_mention()
    {
        var line = SlackMentions.Translate("action @U0003 tomorrow Rotate the keys");

        Assert.Equal("action @U0003 tomorrow Rotate the keys", line.Text);
        Assert.Empty(line.Mentions);
    }

    [Fact]
    public void An_escaped_mention_typed_as_text_stays_text()
    {
        // Slack escapes a typed "<": what arrives as &lt;@U0002&gt; was typed, not picked.
        var line = SlackMentions.Translate("note ask &lt;@U0002&gt; about it");

        Assert.Equal("note ask <@U0002> about it", line.Text);
        Assert.Empty(line.Mentions);
    }

    [Fact]
    public void Two_mentions_in_a_line_are_two_people()
    {
        var line = SlackMentions.Translate("note <@U0002|bob> hands over to <@U0003|carol>, then <@U0002|bob> rests");

        Assert.Equal("note @bob hands over to @carol, then @bob rests", line.Text);
        Assert.Equal(2, line.Mentions.Count);
        Assert.Equal("U0002", line.Mentions["bob"].Id);
        Assert.Equal("U0003", line.Mentions["carol"].Id);
    }

    [Theory]
    [InlineData("<@U0002|Bob Smith>", "Bob Smith")]
    [InlineData("<@U0002|b@b>", "b@b")]
    [InlineData("<@U0002|Tom &amp; Jerry>", "Tom & Jerry")]
    public void A_name_that_is_not_a_plain_word_leaves_the_user_id_as_the_word_and_keeps_the_name(string mention, string name)
    {
        var line = SlackMentions.Translate($"role lead {mention}");

        Assert.Equal("role lead @U0002", line.Text);
        Assert.Equal(new UserMention("U0002", name), line.Mentions["U0002"]);
    }

    [Fact]
    public void A_name_longer_than_any_slack_name_is_left_for_the_directory()
    {
        var line = SlackMentions.Translate($"role lead <@U0002|{new string('b', 81)}>");

        Assert.Equal("role lead @U0002", line.Text);
        Assert.Equal(new UserMention("U0002", null), line.Mentions["U0002"]);
    }

    [Fact]
    public void A_name_that_could_stand_for_someone_else_in_the_line_is_not_used()
    {
        // Two people of the same name, a name that is another person's id, and a name also typed as @name.
        var same = SlackMentions.Translate("note <@U0002|bob> and <@U0003|bob>");
        Assert.Equal("note @U0002 and @U0003", same.Text);

        var id = SlackMentions.Translate("note <@U0002|U0003> and <@U0003>");
        Assert.Equal("note @U0002 and @U0003", id.Text);
        Assert.Equal(new UserMention("U0002", "U0003"), id.Mentions["U0002"]);
        Assert.Equal(new UserMention("U0003", null), id.Mentions["U0003"]);

        var typed = SlackMentions.Translate("role lead <@U0002|oncall> not <!subteam^S0001|oncall>");
        Assert.Equal("role lead @U0002 not @oncall", typed.Text);
        Assert.Equal(["U0002"], typed.Mentions.Keys);
    }

    [Fact]
    public void The_rest_of_slacks_markup_becomes_readable_text()
    {
        var line = SlackMentions.Translate("note Paged <!channel> and <@U0002|bob> about <https://status.example.org|the status page> &amp; more");

        Assert.Equal("note Paged @channel and @bob about the status page (https://status.example.org) & more", line.Text);
        Assert.Equal(["bob"], line.Mentions.Keys);
    }

    [Fact]
    public void A_person_picked_in_a_form_becomes_their_user_id_and_other_values_stay_as_typed()
    {
        var form = SlackMentions.TranslateValues(new Dictionary<string, string>
        {
            ["pm.action.owner"] = "<@U0003>",
            ["pm.action.title"] = "Rotate <!channel> keys & <@U0002> too",
        });

        Assert.Equal("@U0003", form.Values["pm.action.owner"]);
        Assert.Equal("Rotate <!channel> keys & <@U0002> too", form.Values["pm.action.title"]);
        Assert.Equal(new UserMention("U0003", null), Assert.Single(form.Mentions).Value);
        Assert.Equal("U0003", SlackMentions.PickedUserId(form.Values["pm.action.owner"]));
        Assert.Null(SlackMentions.PickedUserId("@carol"));
    }

    [Fact]
    public void A_message_addressed_to_the_bot_is_told_apart_and_read_without_the_mention()
    {
        Assert.True(SlackMentions.StartsWithMentionOf("  <@U0009> note contained FS01", "U0009"));
        Assert.False(SlackMentions.StartsWithMentionOf("<@U00091> note", "U0009"));
        Assert.False(SlackMentions.StartsWithMentionOf("note for <@U0009>", "U0009"));
        Assert.False(SlackMentions.StartsWithMentionOf("<@U0009> note", null));
        Assert.Equal("note contained FS01", SlackMentions.WithoutLeadingMention("<@U0009|chatopsir> note contained FS01"));
    }
}
