using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Tests;

/// <summary>The audit trail's hash chain: intact as written, and the first changed, missing, moved or copied row named.</summary>
public sealed class AuditChainTests
{
    private static readonly ChatUser Alice = new("U0001", "Alice");

    private static List<AuditRecord> Chain(int rows)
    {
        var chain = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= rows; i++)
        {
            var row = new AuditRecord(TenantScope.Slack("T0001"), new DateTime(2026, 12, 3, 9, i, 0, DateTimeKind.Utc), Alice, Platform.Slack, "incident.severity", "INC-0004", Guid.Empty, $"SEV{5 - i}", $"SEV{4 - i}");
            row.Link(i, previous);
            previous = row.Hash!;
            chain.Add(row);
        }

        return chain;
    }

    /// <summary>What someone with write access to the table could do to a stored row.</summary>
    private static void Overwrite(AuditRecord row, string property, object? value) =>
        typeof(AuditRecord).GetProperty(property)!.SetValue(row, value);

    [Fact]
    public void A_chain_as_written_is_intact_and_its_head_is_the_last_hash()
    {
        var chain = Chain(5);
        var result = AuditChain.Verify(chain);

        Assert.True(result.Intact);
        Assert.Equal(5, result.Checked);
        Assert.Equal(chain[^1].Hash, result.Head);
        Assert.Matches("^[0-9a-f]{64}$", result.Head);
        Assert.StartsWith("The audit trail is intact: 5 rows", result.Describe());
    }

    [Theory]
    [InlineData("After", "SEV4")]
    [InlineData("ActorId", "U0666")]
    [InlineData("At", null)]
    [InlineData("Action", "incident.status")]
    public void A_row_changed_in_place_is_named(string property, string? value)
    {
        var chain = Chain(5);
        Overwrite(chain[2], property, property == "At" ? chain[2].At.AddSeconds(1) : value);

        var result = AuditChain.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Equal("row 3 was changed after it was written.", result.Problem);
        Assert.Equal(2, result.Checked);
    }

    [Fact]
    public void A_removed_row_is_named_by_the_gap_it_leaves()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var result = AuditChain.Verify(chain);

        Assert.Equal(3, result.BrokenAt);
        Assert.Equal("row 3 is missing (the next row is 4).", result.Problem);
    }

    [Fact]
    public void Two_rows_that_swapped_places_are_named_at_the_first_of_them()
    {
        var chain = Chain(5);
        Overwrite(chain[2], "Sequence", 4L);
        Overwrite(chain[3], "Sequence", 3L);

        var result = AuditChain.Verify(chain.OrderBy(r => r.Sequence));

        Assert.Equal(3, result.BrokenAt);
        Assert.Equal("row 3 does not follow row 2: it was moved, or the row before it was replaced.", result.Problem);
    }

    [Fact]
    public void A_row_rewritten_with_a_fresh_hash_still_breaks_the_link_of_the_row_after_it()
    {
        var chain = Chain(5);
        Overwrite(chain[2], "After", "SEV4");
        Overwrite(chain[2], "Hash", AuditChain.HashOf(chain[2].PreviousHash!, chain[2]));

        var result = AuditChain.Verify(chain);

        Assert.Equal(4, result.BrokenAt);
        Assert.Equal("row 4 does not follow row 3: it was moved, or the row before it was replaced.", result.Problem);
    }

    [Fact]
    public void A_copied_row_is_named()
    {
        var chain = Chain(4);
        chain.Insert(3, chain[2]);

        var result = AuditChain.Verify(chain);

        Assert.Equal(4, result.BrokenAt);
        Assert.Equal("row 3 comes again after row 3: rows were reordered or copied.", result.Problem);
    }

    [Fact]
    public void A_missing_value_and_an_empty_one_hash_differently()
    {
        var empty = new AuditRecord(TenantScope.Web, new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc), Alice, Platform.Web, "timeline.redacted", "INC-0001", null, string.Empty, null);
        var missing = new AuditRecord(TenantScope.Web, new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc), Alice, Platform.Web, "timeline.redacted", "INC-0001", null, null, null);

        Assert.NotEqual(AuditChain.Canonical(empty), AuditChain.Canonical(missing));
        Assert.NotEqual(AuditChain.HashOf(AuditChain.Genesis, empty), AuditChain.HashOf(AuditChain.Genesis, missing));
    }

    [Fact]
    public void A_row_is_linked_once()
    {
        var row = Chain(1)[0];
        Assert.Throws<InvalidOperationException>(() => row.Link(2, AuditChain.Genesis));
    }
}
