using System.Text.Json.Nodes;
using ChatOpsIR.Core.Audit;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Core.Tests;

/// <summary>The offline checker and the server agree on the canonical form, byte for byte, whatever the rows hold.</summary>
public sealed class ExportCanonicalTests
{
    [Fact]
    public async Task The_script_recomputes_the_hashes_the_server_wrote_for_unicode_empty_and_missing_values()
    {
        var scope = TenantScope.Slack("T0001");
        var incident = Guid.Parse("6f1c2a9e-0d7b-4c1e-9a51-3b2f8e4d7c10");
        AuditRecord[] rows =
        [
            // Accents, CJK, an emoji outside the BMP (two UTF-16 units), a newline and a quote inside the values.
            new(scope, new DateTime(2026, 11, 25, 10, 0, 0, 123, DateTimeKind.Utc).AddTicks(4567), new ChatUser("U0001", "Zoë 王 🚨"), Platform.Slack,
                "incident.changed", "INC-0004", incident, "{\"Title\":\"Café \\\"résumé\\\"\\n🚨\"}", "{\"Title\":\"名前 🔥\"}"),
            new(scope, new DateTime(2026, 11, 25, 10, 1, 0, DateTimeKind.Utc), new ChatUser("U0002", string.Empty), Platform.Teams,
                "timeline-entry.added", "INC-0004 timeline-entry", incident, null, string.Empty),
            new(scope, new DateTime(2026, 11, 25, 10, 2, 0, DateTimeKind.Utc), AuditActor.System, Platform.System,
                "plan-review.added", "plan-review", null, null, null),
        ];
        var previous = AuditChain.Genesis;
        var sequence = 0L;
        foreach (var row in rows)
        {
            row.Link(++sequence, previous);
            previous = row.Hash!;
        }

        var (exitCode, output) = await ExportVerifier.RunOnAsync(Document(scope, rows).ToJsonString());

        Assert.True(exitCode == 0, output);
        Assert.Equal($"OK: 3 rows of INC-0004 in an unbroken chain of 3 rows, head {previous}", output.Trim());
    }

    [Fact]
    public async Task A_changed_character_outside_the_basic_plane_is_caught()
    {
        var scope = TenantScope.Web;
        var row = new AuditRecord(scope, new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), new ChatUser("alice", "Alice"), Platform.Web,
            "incident.changed", "INC-0004", Guid.NewGuid(), "{\"Severity\":\"2\"}", "{\"Title\":\"🚨\"}");
        row.Link(1, AuditChain.Genesis);
        var document = Document(scope, [row]);
        document["audit"]!["rows"]![0]!["after"] = "{\"Title\":\"🔥\"}";

        var (exitCode, output) = await ExportVerifier.RunOnAsync(document.ToJsonString());

        Assert.Equal(1, exitCode);
        Assert.Contains("row 1 (INC-0004, incident.changed) was changed", output);
    }

    /// <summary>The audit part of an export as the server writes it, around rows linked here.</summary>
    private static JsonObject Document(TenantScope scope, IReadOnlyList<AuditRecord> rows) => new()
    {
        ["schema"] = "chatopsir-incident-export/1",
        ["incident"] = new JsonObject { ["reference"] = "INC-0004" },
        ["audit"] = new JsonObject
        {
            ["canonical"] = AuditChain.Version,
            ["scope"] = scope.ToString(),
            ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["sequence"] = r.Sequence,
                ["at"] = r.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["actor"] = r.ActorId,
                ["actorName"] = r.ActorName,
                ["platform"] = r.Platform.ToString().ToLowerInvariant(),
                ["action"] = r.Action,
                ["subject"] = r.Subject,
                ["incident"] = r.IncidentId?.ToString("D"),
                ["before"] = r.Before,
                ["after"] = r.After,
                ["previousHash"] = r.PreviousHash,
                ["hash"] = r.Hash,
            })]),
            ["chain"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject { ["sequence"] = r.Sequence, ["previousHash"] = r.PreviousHash, ["hash"] = r.Hash })]),
            ["head"] = rows[^1].Hash,
        },
    };
}
