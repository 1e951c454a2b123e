using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;

namespace ChatOpsIR.Core.Ports;

/// <summary>
/// Persistence of incidents and what hangs off them. A unit of work: Add… stages, <see cref="SaveChangesAsync"/>
/// writes everything staged in one transaction. Every read takes the scope (workspace or tenant) and never
/// returns another scope's data.
/// </summary>
public interface IIncidentStore
{
    Task<Incident?> FindOpenIncidentAsync(TenantScope scope, string channelId, CancellationToken cancellationToken);

    /// <summary>
    /// The incident the channel's commands act on: the open one, or else the most recently declared one that is
    /// resolved but not closed (its post-mortem still running). Null when every incident of the channel is closed.
    /// </summary>
    Task<Incident?> FindCurrentIncidentAsync(TenantScope scope, string channelId, CancellationToken cancellationToken);

    /// <summary>The channel's current incident (see <see cref="FindCurrentIncidentAsync"/>), or else its most recently declared one.</summary>
    Task<Incident?> FindLatestIncidentAsync(TenantScope scope, string channelId, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="FindLatestIncidentAsync"/> for many channels in one read, keyed by channel id (a channel without any
    /// incident is not a key). Not tracked: for deciding what to show, not for changing it.
    /// </summary>
    Task<IReadOnlyDictionary<string, Incident>> FindLatestIncidentsAsync(TenantScope scope, IReadOnlyCollection<string> channelIds, CancellationToken cancellationToken);

    /// <summary>An incident by its number (INC-0007 is 7), tracked for changes.</summary>
    Task<Incident?> FindIncidentAsync(TenantScope scope, int number, CancellationToken cancellationToken);

    Task<Incident?> FindIncidentByIdAsync(TenantScope scope, Guid id, CancellationToken cancellationToken);

    /// <summary>The post-mortem of an incident with its sections, answers and findings, tracked for changes.</summary>
    Task<PostMortem?> FindPostMortemAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken);

    /// <summary>A published, frozen version; the latest when <paramref name="version"/> is null.</summary>
    Task<PostMortemVersion?> FindPostMortemVersionAsync(TenantScope scope, Guid postMortemId, int? version, CancellationToken cancellationToken);

    Task<int> NextIncidentNumberAsync(TenantScope scope, CancellationToken cancellationToken);

    Task<int> NextEvidenceNumberAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken);

    Task<int> NextActionItemNumberAsync(TenantScope scope, CancellationToken cancellationToken);

    Task<int> NextAccessGrantNumberAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken);

    /// <summary>The access grants of an incident, by number. Not tracked.</summary>
    Task<IReadOnlyList<AccessGrant>> GetAccessGrantsAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken);

    /// <summary>A grant of an incident by its number (G3 is 3), tracked for changes.</summary>
    Task<AccessGrant?> FindAccessGrantAsync(TenantScope scope, Guid incidentId, int number, CancellationToken cancellationToken);

    /// <summary>The grants of the incidents declared from <paramref name="from"/> up to and including <paramref name="to"/>, for metrics. Not tracked.</summary>
    Task<IReadOnlyList<AccessGrant>> GetAccessGrantsOfIncidentsDeclaredAsync(TenantScope scope, DateTime from, DateTime to, CancellationToken cancellationToken);

    /// <summary>The timeline in the order things happened (ties in the order they were recorded).</summary>
    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Evidence>> GetEvidenceAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken);

    /// <summary>An item of evidence by its number within the incident (E2 is 2) with its chain of custody, tracked for changes.</summary>
    Task<Evidence?> FindEvidenceAsync(TenantScope scope, Guid incidentId, int number, CancellationToken cancellationToken);

    Task<IReadOnlyList<ActionItem>> GetActionItemsAsync(TenantScope scope, Guid incidentId, CancellationToken cancellationToken);

    Task<ActionItem?> FindActionItemAsync(TenantScope scope, int number, CancellationToken cancellationToken);

    /// <summary>Incidents declared from <paramref name="from"/> up to and including <paramref name="to"/>, for metrics.</summary>
    Task<IReadOnlyList<Incident>> GetIncidentsDeclaredAsync(TenantScope scope, DateTime from, DateTime to, CancellationToken cancellationToken);

    /// <summary>Open incidents of a scope, most recent first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Incident>> GetOpenIncidentsAsync(TenantScope scope, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the incident list: the incidents <paramref name="query"/> matches, most recent activity first (the latest
    /// timeline entry's recording time, or the declaration), skipping <paramref name="skip"/> and at most
    /// <paramref name="take"/>, each with its last activity and number of open action items. Filtered in the database;
    /// deciding who may see a private one is the caller's. Not tracked.
    /// </summary>
    Task<IReadOnlyList<IncidentListRow>> ListIncidentsAsync(TenantScope scope, IncidentListQuery query, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Open action items owned by a person, soonest due first.</summary>
    Task<IReadOnlyList<ActionItem>> GetOpenActionItemsOwnedByAsync(TenantScope scope, string ownerId, CancellationToken cancellationToken);

    /// <summary>The stored answer to a delivery already handled, or null.</summary>
    Task<string?> FindDeliveryReplyAsync(TenantScope scope, string deliveryId, CancellationToken cancellationToken);

    void Add(Incident incident);

    void Add(TimelineEntry entry);

    void Add(Evidence evidence);

    void Add(ActionItem item);

    void Add(AccessGrant grant);

    void Add(PostMortem postMortem);

    void Add(PostMortemVersion version);

    /// <summary>Stages slow work, saved with the command's answer by <see cref="SaveChangesAsync"/>.</summary>
    void Add(SlowWork.WorkItem item);

    void AddDelivery(TenantScope scope, string deliveryId, string replyJson, DateTime receivedAt);

    /// <summary>Writes what was staged. Throws <see cref="StoreConflictException"/> when a unique index or a concurrency check refuses it.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets what was staged and loaded, after a conflict.</summary>
    void DiscardChanges();
}

/// <summary>
/// What the incident list asks for; a null or empty filter does not filter. <see cref="Text"/> (already lowercase) is
/// looked for in the title, the channel's name and the last status; <see cref="Number"/> (INC-0004 or 4) matches the
/// reference instead. <see cref="DeclaredFrom"/> is inclusive, <see cref="DeclaredBefore"/> exclusive.
/// </summary>
public sealed record IncidentListQuery(
    IReadOnlyCollection<IncidentStatus>? Statuses = null,
    IReadOnlyCollection<int>? Severities = null,
    bool? Exercise = null,
    DateTime? DeclaredFrom = null,
    DateTime? DeclaredBefore = null,
    string? Text = null,
    int? Number = null);

/// <summary>One incident of the list, with when anything last happened in it and how many of its action items are open.</summary>
public sealed record IncidentListRow(Incident Incident, DateTime LastActivityAt, int OpenActionItems);

/// <summary>A write refused because it would duplicate something unique, or because someone else changed the same record first.</summary>
public sealed class StoreConflictException(string message, Exception? inner = null) : Exception(message, inner);
