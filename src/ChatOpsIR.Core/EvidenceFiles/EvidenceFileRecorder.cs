using System.Globalization;
using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;

namespace ChatOpsIR.Core.EvidenceFiles;

/// <summary>
/// The one place that turns a hashed file into an evidence item: the item (next number of the incident), its timeline
/// entry and the card for the channel. The item keeps the file's name, size, type and who shared it beside the hash.
/// Staged in the store; the caller saves.
/// </summary>
public sealed class EvidenceFileRecorder(IIncidentStore store, TimeProvider clock)
{
    /// <summary>The item's description: "File auth.log (14.2 KB, text/plain) shared by Carol".</summary>
    public static string Describe(SharedFile file, long size) =>
        $"File {file.Name} ({FileSizeText.Of(size)}, {file.TypeText}) shared by {file.SharedBy.DisplayName}";

    public async Task<BotReply> RecordAsync(CommandContext context, Incident incident, SharedFile file, HashedFile hashed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var number = await store.NextEvidenceNumberAsync(context.Scope, incident.Id, cancellationToken);
        var evidence = new Evidence(incident, number, Describe(file, hashed.Size), hashed.Sha256, hashed.CopyPath, new Incidents.EvidenceFile(file.Name, hashed.Size, file.ContentType, file.SharedBy), context.User, now);
        store.Add(evidence);
        store.Add(new TimelineEntry(incident, TimelineEntryKind.Evidence, $"Evidence {evidence.Reference}: {evidence.Description} (SHA-256 {evidence.Sha256}).", context.User, context.Platform, now, now));

        var facts = new List<Fact>
        {
            new("Item", evidence.Reference),
            new("File", file.Name),
            new("Size", $"{FileSizeText.Of(hashed.Size)} ({hashed.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes)"),
            new("Type", file.TypeText),
            new("Shared by", file.SharedBy.DisplayName),
            new("Collected by", context.User.DisplayName),
            new("Recorded", TimeFormat.MomentWithZone(now, incident.TimeZone)),
            new("SHA-256", hashed.Sha256),
            new("Copy", hashed.CopyPath is null ? "none kept (Evidence:StoragePath is not set)" : "kept by ChatOpsIR under its file name, the SHA-256"),
        };
        var card = new Card($"Evidence {evidence.Reference} · {incident.Reference}", [new TextElement(evidence.Description), new FactsElement(facts)]);
        return BotReply.ToChannel($"Evidence {evidence.Reference} recorded for {incident.Reference}: {evidence.Description}, SHA-256 {hashed.Sha256}.", card);
    }
}
