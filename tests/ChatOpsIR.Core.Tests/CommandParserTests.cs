using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Tests;

public class CommandParserTests
{
    internal static T Parse<T>(string line) where T : Command
    {
        var result = CommandParser.Parse(line);
        Assert.True(result.Success, result.Error?.Message);
        return Assert.IsType<T>(result.Command);
    }

    internal static ParseError Fail(string line)
    {
        var result = CommandParser.Parse(line);
        Assert.False(result.Success, $"'{line}' should not parse");
        return result.Error!;
    }

    [Fact]
    public void Declare_takes_the_title_and_trailing_options_as_in_the_slack_fixture()
    {
        var declare = Parse<DeclareCommand>("declare Ransomware on file server sev2 new-channel");
        Assert.Equal("Ransomware on file server", declare.Title);
        Assert.Equal(2, declare.Severity);
        Assert.True(declare.NewChannel);
        Assert.Equal(ExerciseKind.None, declare.Exercise);
    }

    [Theory]
    [InlineData("declare Phishing drill tabletop", ExerciseKind.Tabletop)]
    [InlineData("declare Phishing drill exercise sev4", ExerciseKind.Tabletop)]
    [InlineData("DECLARE Phishing drill simulation", ExerciseKind.Simulation)]
    public void Declare_recognises_exercises(string line, ExerciseKind kind)
    {
        var declare = Parse<DeclareCommand>(line);
        Assert.Equal("Phishing drill", declare.Title);
        Assert.Equal(kind, declare.Exercise);
    }

    [Theory]
    [InlineData("capture on", true)]
    [InlineData("capture OFF", false)]
    public void Capture_reads_on_and_off(string line, bool on) => Assert.Equal(on, Parse<CaptureCommand>(line).On);

    [Fact]
    public void Capture_without_on_or_off_is_an_error() => Assert.Equal("capture", Fail("capture maybe").Verb);

    [Fact]
    public void A_bare_declare_asks_for_the_form() => Parse<DeclareFormCommand>("declare");

    [Fact]
    public void Declare_keeps_option_words_inside_the_title()
    {
        var declare = Parse<DeclareCommand>("declare sev1 outage of the exercise portal");
        Assert.Equal("sev1 outage of the exercise portal", declare.Title);
        Assert.Null(declare.Severity);
    }

    [Theory]
    [InlineData("declare sev2", "title")]
    [InlineData("declare Outage sev9", "sev9")]
    [InlineData("declare Outage sev1 sev2", "one severity")]
    public void Declare_errors_say_what_is_wrong(string line, string expected)
    {
        var error = Fail(line);
        Assert.Contains(expected, error.Message);
        Assert.Equal("declare", error.Verb);
        Assert.StartsWith("declare <title>", error.Usage);
    }

    [Fact]
    public void Note_reads_a_trailing_time_as_in_the_app_mention_fixture()
    {
        var note = Parse<NoteCommand>("note contained FS01 at 14:05");
        Assert.Equal("contained FS01", note.Text);
        Assert.Equal(new TimeOnly(14, 5), note.At!.TimeOfDay);
    }

    [Theory]
    [InlineData("note Backups verified at 2026-11-24T22:10Z", "Backups verified")]
    [InlineData("log Backups verified at 2026-11-24 22:10", "Backups verified")]
    [InlineData("note at 09:12 EDR alert on L-042", "EDR alert on L-042")]
    public void Note_accepts_iso_and_leading_times(string line, string text)
    {
        var note = Parse<NoteCommand>(line);
        Assert.Equal(text, note.Text);
        Assert.NotNull(note.At);
    }

    [Fact]
    public void Note_without_a_time_keeps_the_text_exactly()
    {
        var note = Parse<NoteCommand>("note Meeting at the SOC   with legal");
        Assert.Equal("Meeting at the SOC   with legal", note.Text);
        Assert.Null(note.At);
    }

    [Fact]
    public void Note_with_only_a_time_is_not_a_time_but_text()
    {
        var note = Parse<NoteCommand>("note at 14:05");
        Assert.Equal("at 14:05", note.Text);
        Assert.Null(note.At);
    }

    [Fact]
    public void Empty_note_is_an_error_with_usage()
    {
        var error = Fail("note");
        Assert.Equal("note", error.Verb);
        Assert.Equal("note [INC-n] <text> [at <time>]", error.Usage);
    }

    [Theory]
    [InlineData("sev 1", 1)]
    [InlineData("sev sev4", 4)]
    [InlineData("severity 2", 2)]
    public void Severity_accepts_numbers_and_sev_words(string line, int expected) =>
        Assert.Equal(expected, Parse<SeverityCommand>(line).Severity);

    [Theory]
    [InlineData("sev")]
    [InlineData("sev 0")]
    [InlineData("sev 5")]
    [InlineData("sev high")]
    public void Severity_outside_1_to_4_is_an_error(string line) =>
        Assert.Contains("1 (critical) to 4 (low)", Fail(line).Message);

    [Fact]
    public void Role_reads_the_word_an_adapter_wrote_for_a_mention_and_knows_no_platform_syntax()
    {
        var role = Parse<RoleCommand>("role scribe @U0002");
        Assert.Equal(IncidentRoleKind.Scribe, role.Role);
        Assert.Equal(new UserMention("U0002", "U0002"), role.User);

        // Slack's own syntax is the Slack adapter's to translate; Core does not take it for a person.
        Assert.Contains("is not a person", Fail("role lead <@U0003|carol>").Message);
    }

    [Fact]
    public void Role_reads_at_names_with_spaces()
    {
        var role = Parse<RoleCommand>("role comms @Carol Danvers");
        Assert.Equal(IncidentRoleKind.Comms, role.Role);
        Assert.Equal("Carol Danvers", role.User.DisplayName);
    }

    [Theory]
    [InlineData("role", "Which role")]
    [InlineData("role janitor @bob", "not a role")]
    [InlineData("role scribe", "Who should be scribe")]
    [InlineData("role scribe bob", "not a person")]
    [InlineData("role scribe <!channel>", "not a person")]
    public void Role_errors(string line, string expected) => Assert.Contains(expected, Fail(line).Message);

    [Theory]
    [InlineData("mark detected", KeyMoment.Detected, false)]
    [InlineData("mark contained at 14:05", KeyMoment.Contained, true)]
    [InlineData("mark first-activity 2026-11-24T23:40Z", KeyMoment.FirstActivity, true)]
    [InlineData("mark recovered 2026-11-25 08:00", KeyMoment.Recovered, true)]
    [InlineData("mark ack", KeyMoment.Acknowledged, false)]
    public void Mark_reads_moment_and_optional_time(string line, KeyMoment moment, bool hasTime)
    {
        var mark = Parse<MarkCommand>(line);
        Assert.Equal(moment, mark.Moment);
        Assert.Equal(hasTime, mark.At is not null);
    }

    [Theory]
    [InlineData("mark", "Which moment")]
    [InlineData("mark lunch", "not a key moment")]
    [InlineData("mark contained yesterday-ish", "not a time")]
    [InlineData("mark contained at 25:99", "not a time")]
    public void Mark_errors(string line, string expected) => Assert.Contains(expected, Fail(line).Message);

    [Fact]
    public void Evidence_picks_up_hash_and_link_at_the_end()
    {
        const string hash = "3F79BB7B435B05321651DAEFD374CDC681DC06FAA65E374E38337B88CA046DEA";
        var evidence = Parse<EvidenceCommand>($"evidence Memory image of FS01 {hash} https://files.example.org/fs01.mem");
        Assert.Equal("Memory image of FS01", evidence.Description);
        Assert.Equal(hash.ToLowerInvariant(), evidence.Sha256);
        Assert.Equal("https://files.example.org/fs01.mem", evidence.Link);
    }

    [Fact]
    public void A_bare_evidence_asks_with_the_form() => Assert.IsType<EvidenceFormCommand>(CommandParser.Parse("evidence").Command);

    [Fact]
    public void Action_reads_owner_due_date_and_text()
    {
        var action = Parse<AddActionCommand>("action @bob in 2 weeks Rotate the service account keys");
        Assert.Equal("bob", action.Owner.Id);
        Assert.Equal(14, action.Due.DaysFromToday);
        Assert.Equal("Rotate the service account keys", action.Text);
        Assert.Equal(new DateOnly(2026, 12, 1), Parse<AddActionCommand>("action @U0002 2026-12-01 Patch VPN").Due.Date);
        Assert.Equal(7, Parse<AddActionCommand>("action @carol +7d Add EDR").Due.DaysFromToday);
        Assert.Equal(3, Parse<CompleteActionCommand>("action done A3").Number);
    }

    [Theory]
    [InlineData("action", "Who owns it")]
    [InlineData("action bob tomorrow Fix", "not a person")]
    [InlineData("action @bob someday Fix", "due date")]
    [InlineData("action @bob tomorrow", "What is the action")]
    [InlineData("action done", "Which item")]
    [InlineData("action done x7", "Which item")]
    public void Action_errors(string line, string expected) => Assert.Contains(expected, Fail(line).Message);

    [Theory]
    [InlineData("timeline", typeof(TimelineCommand))]
    [InlineData("actions", typeof(ListActionsCommand))]
    [InlineData("report", typeof(ReportCommand))]
    [InlineData("metrics", typeof(MetricsCommand))]
    [InlineData("resolve", typeof(ResolveCommand))]
    [InlineData("postmortem", typeof(PostMortemCommand))]
    [InlineData("plan review now", typeof(PlanReviewNowCommand))]
    [InlineData("plan status", typeof(PlanStatusCommand))]
    [InlineData("help", typeof(HelpCommand))]
    [InlineData("", typeof(HelpCommand))]
    public void Simple_verbs_parse(string line, Type type) => Assert.IsType(type, CommandParser.Parse(line).Command);

    [Theory]
    [InlineData("audit", false, null)]
    [InlineData("audit verify", true, null)]
    [InlineData("AUDIT Verify", true, null)]
    [InlineData("audit INC-0003", false, 3)]
    [InlineData("audit verify INC-3", true, 3)]
    public void Audit_shows_an_incidents_changes_or_verifies_the_chain(string line, bool verify, int? incident)
    {
        var command = Assert.IsType<AuditCommand>(CommandParser.Parse(line).Command);
        Assert.Equal((verify, incident), (command.Verify, command.IncidentNumber));
    }

    [Fact]
    public void Audit_with_anything_else_says_what_it_takes() =>
        Assert.Equal("Use `audit verify` to check the audit trail, or `audit [INC-0003]` to see an incident's changes (got `everything`).", Fail("audit everything").Message);

    [Theory]
    [InlineData("timeline please")]
    [InlineData("metrics now")]
    [InlineData("plan")]
    [InlineData("postmortem later")]
    public void Extra_words_are_errors(string line) => Assert.NotNull(Fail(line).Verb);

    [Fact]
    public void Unknown_verb_names_it_suggests_the_closest_and_points_to_help()
    {
        var error = Fail("delcare Outage");
        Assert.Contains("`delcare`", error.Message);
        Assert.Contains("Did you mean `declare`?", error.Message);
        Assert.Contains("help", error.Message);
        Assert.Null(error.Verb);

        var far = Fail("frobnicate");
        Assert.Contains("`frobnicate`", far.Message);
        Assert.DoesNotContain("Did you mean", far.Message);
    }

    [Fact]
    public void Help_for_an_unknown_topic_is_an_error()
    {
        Assert.Equal("mark", Assert.IsType<HelpCommand>(CommandParser.Parse("help mark").Command).Topic);
        Assert.Equal("note", Assert.IsType<HelpCommand>(CommandParser.Parse("help log").Command).Topic);
        Assert.Contains("`nope`", Fail("help nope").Message);
    }

    [Fact]
    public void Every_verb_has_usage_summary_details_and_examples_that_parse()
    {
        foreach (var verb in HelpCatalog.Verbs)
        {
            Assert.False(string.IsNullOrWhiteSpace(verb.Usage));
            Assert.False(string.IsNullOrWhiteSpace(verb.Summary));
            Assert.False(string.IsNullOrWhiteSpace(verb.Details));
            Assert.NotEmpty(verb.Examples);
            foreach (var example in verb.Examples)
            {
                var result = CommandParser.Parse(example);
                Assert.True(result.Success, $"help example '{example}' does not parse: {result.Error?.Message}");
                Assert.Equal(verb.Verb, result.Command!.Verb);
            }
        }
    }

    [Fact]
    public void Overlong_lines_are_refused()
    {
        var error = Fail("note " + new string('x', CommandParser.MaxLineLength));
        Assert.Contains("too long", error.Message);
    }

    [Theory]
    [InlineData("timeline INC-0003", 3)]
    [InlineData("timeline inc-3", 3)]
    [InlineData("report INC0012", 12)]
    [InlineData("actions INC-0007", 7)]
    public void Reading_verbs_take_an_incident_reference(string line, int number)
    {
        var result = CommandParser.Parse(line);
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(number, result.Command!.IncidentNumber);
    }

    [Theory]
    [InlineData("postmortem INC-0003", false)]
    [InlineData("postmortem status INC-0003", true)]
    [InlineData("postmortem INC-0003 status", true)]
    public void Postmortem_takes_a_reference_before_or_after_status(string line, bool statusOnly)
    {
        var command = Parse<PostMortemCommand>(line);
        Assert.Equal(statusOnly, command.StatusOnly);
        Assert.Equal(3, command.IncidentNumber);
    }

    [Fact]
    public void A_reference_comes_right_after_the_verb_and_the_rest_is_kept_as_typed()
    {
        var note = Parse<NoteCommand>("note INC-0003 Found the first phishing mail at 14:05");
        Assert.Equal(3, note.IncidentNumber);
        Assert.Equal("Found the first phishing mail", note.Text);
        Assert.NotNull(note.At);

        var multiline = Parse<NoteCommand>("note INC-2 line one\nline two");
        Assert.Equal("line one\nline two", multiline.Text);

        var mark = Parse<MarkCommand>("mark INC-0004 contained 15:20");
        Assert.Equal(4, mark.IncidentNumber);
        Assert.Equal(KeyMoment.Contained, mark.Moment);

        Assert.Equal(5, Parse<SeverityCommand>("sev INC-5 2").IncidentNumber);
        Assert.Equal(6, Parse<AddActionCommand>("action INC-6 @bob +7d Rotate keys").IncidentNumber);
        Assert.Equal(7, Parse<EvidenceCommand>("evidence INC-7 Disk image of FS01").IncidentNumber);
    }

    [Fact]
    public void Without_a_reference_the_command_names_no_incident()
    {
        Assert.Null(Parse<NoteCommand>("note Isolated FS01").IncidentNumber);
        // A reference in the middle of a note is just text.
        var note = Parse<NoteCommand>("note Same actor as INC-0002");
        Assert.Null(note.IncidentNumber);
        Assert.Equal("Same actor as INC-0002", note.Text);
        // Verbs that do not act on one incident take no reference.
        Assert.False(CommandParser.Parse("metrics INC-0002").Success);
    }

    [Fact]
    public void Reopen_and_close_parse_and_close_requires_a_reason()
    {
        Assert.Null(Parse<ReopenCommand>("reopen").Reason);
        var reopen = Parse<ReopenCommand>("reopen INC-0002 Attacker back");
        Assert.Equal(2, reopen.IncidentNumber);
        Assert.Equal("Attacker back", reopen.Reason);

        Assert.Equal("Duplicate of INC-0002", Parse<CloseCommand>("close Duplicate of INC-0002").Reason);
        Assert.Equal(4, Parse<CloseCommand>("close INC-0004 False positive").IncidentNumber);
        var error = Fail("close");
        Assert.Equal("close", error.Verb);
        Assert.Contains("reason", error.Message);
        Assert.Contains("INC-n", error.Usage);
    }

    [Theory]
    [InlineData("private", null)]
    [InlineData("make private", null)]
    [InlineData("Make Private", null)]
    [InlineData("private INC-0004", 4)]
    [InlineData("make private INC-0004", 4)]
    [InlineData("private inc-4", 4)]
    public void Private_and_make_private_take_an_optional_reference(string line, int? number)
    {
        var command = Parse<MakePrivateCommand>(line);
        Assert.Equal("private", command.Verb);
        Assert.Equal(number, command.IncidentNumber);
    }

    [Fact]
    public void Private_takes_nothing_else_and_make_alone_is_no_verb()
    {
        var error = Fail("private please");
        Assert.Equal("private", error.Verb);
        Assert.Contains("private [INC-n]", error.Usage);
        Assert.Contains("`make`", Fail("make public").Message);
        Assert.Contains("`make`", Fail("make").Message);
    }
}
