using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Incidents;
using static ChatOpsIR.Core.Tests.CommandParserTests;

namespace ChatOpsIR.Core.Tests;

/// <summary>The `evidence` family read from a typed line: recording as before, the form, reading, and each custody step.</summary>
public sealed class EvidenceGrammarTests
{
    private static readonly string Hash = new('c', 64);

    [Fact]
    public void Recording_an_item_reads_as_it_always_did()
    {
        var recorded = Parse<EvidenceCommand>($"evidence INC-3 Memory image of FS01 {Hash} https://files.example.org/fs01.mem");
        Assert.Equal(("Memory image of FS01", Hash, "https://files.example.org/fs01.mem"), (recorded.Description, recorded.Sha256, recorded.Link));
        Assert.Equal(3, recorded.IncidentNumber);

        // A description that merely mentions a step word further on is still a description.
        Assert.Equal("Proxy logs to transfer later", Parse<EvidenceCommand>("evidence Proxy logs to transfer later").Description);
    }

    [Fact]
    public void A_bare_evidence_is_the_form_and_list_and_an_item_reference_read()
    {
        Parse<EvidenceFormCommand>("evidence");
        Assert.Equal(5, Parse<EvidenceFormCommand>("evidence INC-5").IncidentNumber);
        Parse<ListEvidenceCommand>("evidence list");
        Assert.Equal(3, Parse<ListEvidenceCommand>("evidence list INC-0003").IncidentNumber);
        Assert.Equal(2, Parse<ShowEvidenceCommand>("evidence E2").Number);
        var named = Parse<ShowEvidenceCommand>("evidence e12 INC-4");
        Assert.Equal((12, 4), (named.Number, named.IncidentNumber));
    }

    [Theory]
    [InlineData("evidence stored E2 Evidence locker 4, shelf B", CustodyStep.Stored, 2, "Evidence locker 4, shelf B", null)]
    [InlineData("evidence store E2 s3://ir-evidence/inc-4/", CustodyStep.Stored, 2, "s3://ir-evidence/inc-4/", null)]
    [InlineData("evidence transfer E3 @olga For imaging at the lab", CustodyStep.Transferred, 3, "For imaging at the lab", "olga")]
    [InlineData("evidence release E1 Returned to HR after the hearing", CustodyStep.Released, 1, "Returned to HR after the hearing", null)]
    [InlineData("evidence dispose E1 Wiped with three passes", CustodyStep.Disposed, 1, "Wiped with three passes", null)]
    [InlineData("evidence supersede E1 Replaced by the full disk image E4", CustodyStep.Superseded, 1, "Replaced by the full disk image E4", null)]
    public void Each_custody_step_reads_its_item_and_its_words(string line, CustodyStep step, int number, string text, string? to)
    {
        var command = Parse<CustodyCommand>(line);
        Assert.Equal((step, number, text, to), (command.Step, command.Number, command.Text, command.To?.Id));
    }

    [Fact]
    public void Verify_takes_exactly_one_hash_in_any_case()
    {
        var verify = Parse<CustodyCommand>($"evidence INC-2 verify E1 {Hash.ToUpperInvariant()}");
        Assert.Equal((CustodyStep.Verified, 1, Hash, 2), (verify.Step, verify.Number, verify.Sha256, verify.IncidentNumber));
    }

    [Theory]
    [InlineData("evidence transfer @olga For imaging", "Which item? After `transfer` comes its reference, such as E2, and I got `@olga`")]
    [InlineData("evidence stored", "Which item? After `stored` comes its reference, such as E2, and I got nothing")]
    [InlineData("evidence verify E2 abc123", "`abc123` is not a SHA-256: a SHA-256 is 64 characters, 0-9 and a-f. Use `evidence verify E2 <sha256>`.")]
    [InlineData("evidence verify E2", "No hash was given")]
    [InlineData("evidence stored E2", "Where is it kept? Name the locker, bucket or path. Use `evidence stored E2 <where it is kept>`.")]
    [InlineData("evidence transfer E2 olga For imaging", "To whom? Name the person who takes E2 as @name (I got `olga`).")]
    [InlineData("evidence transfer E2 @olga", "Why is it handed over? Give the reason the record keeps. Use `evidence transfer E2 @person <why>`.")]
    [InlineData("evidence release E2", "To whom is it released, and why?")]
    [InlineData("evidence dispose E2", "How was it disposed of, and why?")]
    [InlineData("evidence supersede E2", "Why is it superseded?")]
    public void A_step_missing_its_item_hash_person_or_reason_is_explained_with_its_usage(string line, string expected)
    {
        var error = Fail(line);
        Assert.Contains(expected, error.Message);
        Assert.Equal("evidence", error.Verb);
        Assert.Contains("evidence stored|transfer|verify|release|dispose|supersede E2", error.Usage);
    }

    [Fact]
    public void Help_evidence_explains_the_chain_of_custody_and_every_step()
    {
        var help = HelpCatalog.Find("evidence")!;
        Assert.Contains("chain of custody", help.Details);
        foreach (var step in new[] { "stored", "transfer", "verify", "release", "dispose", "supersede" })
        {
            Assert.Contains($"`evidence {step} E2", help.Details);
            Assert.Contains(help.Examples, e => e.StartsWith($"evidence {step} E1", StringComparison.Ordinal));
        }

        Assert.Contains("MISMATCH", help.Details);
        Assert.Contains("`evidence list`", help.Details);
    }
}
