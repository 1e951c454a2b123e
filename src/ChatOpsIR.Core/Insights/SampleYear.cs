using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Ports;

namespace ChatOpsIR.Core.Insights;

/// <summary>
/// Two years of made-up incidents for a first look at the insights (the local trial's "Add a sample year"): this year
/// to date and the whole of last year, 12 real incidents and 3 exercises, with marked moments, post-mortems naming the
/// principles that failed, and action items done, open and overdue. Every title starts with "Sample: ", every one is
/// in its own channel sample-…, and every timeline says it is sample data. The same <paramref name="now"/> always writes
/// the same figures: moments are placed in each year by a fixed share of its length, so the quarters fill whatever the date.
/// </summary>
public static class SampleYear
{
    public const string TitlePrefix = "Sample: ";
    public const string ChannelPrefix = "sample-";

    public const string TimelineNote = "Sample data: written by \"Add a sample year\" on the insights page to show how the charts read. This incident never happened.";

    public static readonly ChatUser Commander = new("sam-sample", "Sam (sample)");
    public static readonly ChatUser Owner = new("ola-sample", "Ola (sample)");

    /// <summary>Follow-up work: its title, due this many days after it was opened, done this many days after (null: still open).</summary>
    private sealed record SampleAction(string Title, int DueInDays, int? DoneAfterDays);

    /// <summary>One incident: in this year or last, at this share of the year (0 to 1), and its times in hours from detection.</summary>
    private sealed record Spec(
        bool ThisYear,
        double At,
        int Severity,
        ExerciseKind Exercise,
        string Title,
        string Slug,
        double DetectHours,
        double ContainHours,
        double RecoverHours,
        string[] Principles,
        bool IsPrivate = false,
        SampleAction[]? Actions = null);

    private static readonly Spec[] Specs =
    [
        new(false, 0.06, 2, ExerciseKind.None, "Phishing wave against the finance team", "phishing", 30, 6, 20, ["opportunity", "rigor"], Actions: [new("Report-phishing button in the mail client", 30, 21), new("Quarterly phishing drill", 60, 80)]),
        new(false, 0.15, 3, ExerciseKind.None, "Malware on a sales laptop", "laptop-malware", 10, 3, 12, ["compartmentation"], Actions: [new("Block macros from the internet", 14, 10)]),
        new(false, 0.22, 0, ExerciseKind.Tabletop, "Tabletop: ransomware on the file server", "tabletop-ransomware", 0, 0, 0, ["comprehensivity"], Actions: [new("Write the restore runbook", 30, 25)]),
        new(false, 0.31, 1, ExerciseKind.None, "Ransomware on a branch file server", "branch-ransomware", 48, 14, 70, ["minimization", "fault-tolerance"], Actions: [new("Offline copies of the branch backups", 30, 45), new("Remove local admin rights", 45, null)]),
        new(false, 0.47, 2, ExerciseKind.None, "Leaked cloud access key", "leaked-key", 20, 2, 9, ["rigor", "minimization"], IsPrivate: true, Actions: [new("Secret scanning on every repository", 21, 30)]),
        new(false, 0.58, 4, ExerciseKind.None, "Suspicious login from a new country", "odd-login", 6, 1, 3, ["opportunity"]),
        new(false, 0.66, 0, ExerciseKind.Simulation, "Simulation: stolen session cookies", "simulation-cookies", 0, 0, 0, ["rigor"]),
        new(false, 0.79, 3, ExerciseKind.None, "Exposed test database", "exposed-db", 72, 4, 16, ["rigor", "compartmentation"], Actions: [new("Inventory of internet-facing databases", 30, 40)]),
        new(false, 0.91, 2, ExerciseKind.None, "Payroll mailbox forwarding rule", "mail-forwarding", 40, 5, 30, ["opportunity", "rigor"], Actions: [new("Alert on new forwarding rules", 14, null)]),
        new(true, 0.08, 3, ExerciseKind.None, "Password spraying on the VPN", "vpn-spraying", 8, 2, 6, ["proportionality"], Actions: [new("MFA on the VPN for contractors", 21, 12)]),
        new(true, 0.20, 1, ExerciseKind.None, "Compromised build server", "build-server", 16, 5, 36, ["compartmentation", "rigor"], Actions: [new("Separate build and deploy credentials", 30, 20), new("Rebuild build agents from images", 45, null)]),
        new(true, 0.34, 0, ExerciseKind.Tabletop, "Tabletop: a vendor breach", "tabletop-vendor", 0, 0, 0, ["comprehensivity"], Actions: [new("Vendor contact list in the plan", 14, 5)]),
        new(true, 0.52, 2, ExerciseKind.None, "Phishing page imitating the intranet", "intranet-phishing", 4, 1, 5, ["opportunity"], Actions: [new("Takedown contacts for look-alike domains", 14, 9)]),
        new(true, 0.71, 4, ExerciseKind.None, "Lost unencrypted USB stick", "usb-stick", 12, 1, 2, ["minimization"], Actions: [new("Encrypt removable media by policy", 10, null)]),
        new(true, 0.90, 2, ExerciseKind.None, "Web shell on the support portal", "web-shell", 6, 3, 10, ["rigor"], Actions: [new("Patch window for the support portal", 7, null)]),
    ];

    /// <summary>The channel of the first sample incident; its incident there means the sample was written.</summary>
    public static string FirstChannel => Channel(0);

    public static int IncidentCount => Specs.Length;

    public static async Task<bool> IsPresentAsync(IIncidentStore store, TenantScope scope, CancellationToken cancellationToken) =>
        await store.FindLatestIncidentAsync(scope, FirstChannel, cancellationToken) is not null;

    /// <summary>
    /// Stages and saves the sample incidents of <paramref name="scope"/>, numbered after its existing ones. A second
    /// writer racing this one is refused by the unique incident numbers (<see cref="StoreConflictException"/>).
    /// </summary>
    public static async Task<int> WriteAsync(IIncidentStore store, TenantScope scope, DateTime now, CancellationToken cancellationToken)
    {
        var number = await store.NextIncidentNumberAsync(scope, cancellationToken);
        var itemNumber = await store.NextActionItemNumberAsync(scope, cancellationToken);
        var thisYear = new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var lastYear = thisYear.AddYears(-1);
        for (var i = 0; i < Specs.Length; i++)
        {
            var spec = Specs[i];
            var declaredAt = spec.ThisYear
                ? thisYear + ((now - thisYear) * spec.At)
                : lastYear + ((thisYear - lastYear) * spec.At);
            itemNumber = Write(store, scope, spec, number + i, Channel(i), RoundToMinute(declaredAt), now, itemNumber);
        }

        await store.SaveChangesAsync(cancellationToken);
        return Specs.Length;
    }

    private static int Write(IIncidentStore store, TenantScope scope, Spec spec, int number, string channel, DateTime declaredAt, DateTime now, int itemNumber)
    {
        var severity = spec.Exercise == ExerciseKind.None ? spec.Severity : 3;
        var (incident, declared) = Incident.Declare(scope, number, TitlePrefix + spec.Title, severity, spec.Exercise, Platform.Web, channel, channel, Commander, declaredAt, isPrivate: spec.IsPrivate);
        store.Add(incident);
        store.Add(declared);
        store.Add(incident.AddNote(Commander, TimelineNote, Platform.Web, declaredAt, declaredAt));

        // Detected a quarter of an hour before it was declared; the first activity came before that by the time to detect.
        var detected = declaredAt.AddMinutes(-15);
        var moments = new List<(KeyMoment Moment, DateTime At)>();
        if (spec.Exercise == ExerciseKind.None)
        {
            moments.Add((KeyMoment.FirstActivity, detected.AddHours(-spec.DetectHours)));
            moments.Add((KeyMoment.Detected, detected));
            moments.Add((KeyMoment.Contained, detected.AddHours(spec.ContainHours)));
            moments.Add((KeyMoment.Recovered, detected.AddHours(spec.RecoverHours)));
        }

        foreach (var (moment, at) in moments.Where(m => m.At <= now))
        {
            store.Add(incident.Mark(Commander, moment, Platform.Web, at, at));
        }

        var resolvedAt = RoundToMinute((spec.Exercise == ExerciseKind.None ? detected.AddHours(spec.RecoverHours) : declaredAt.AddHours(3)).AddHours(1));
        if (resolvedAt > now)
        {
            return itemNumber;
        }

        store.Add(incident.Resolve(Commander, "Sample resolution.", Platform.Web, resolvedAt));
        var postMortem = PostMortem.Start(incident, Commander, resolvedAt);
        postMortem.AddFinding(FindingKind.RootCause, $"Sample root cause of \"{spec.Title}\".", spec.Principles, "process", null, Commander, resolvedAt);
        postMortem.AddFinding(FindingKind.Lesson, "Sample lesson: mark the key moments as they happen.", [], null, null, Commander, resolvedAt);
        store.Add(postMortem);
        if (resolvedAt.AddDays(7) <= now)
        {
            store.Add(incident.Close(Commander, "Sample post-mortem done.", Platform.Web, resolvedAt.AddDays(7)));
        }

        var opened = resolvedAt.AddDays(1);
        foreach (var action in (spec.Actions ?? []).Where(_ => opened <= now))
        {
            var item = new ActionItem(incident, itemNumber++, TitlePrefix + action.Title, Owner, DateOnly.FromDateTime(opened).AddDays(action.DueInDays), Commander, opened);
            if (action.DoneAfterDays is { } days && opened.AddDays(days) <= now)
            {
                item.Complete(Owner, opened.AddDays(days));
            }

            store.Add(item);
        }

        return itemNumber;
    }

    private static string Channel(int index) => $"{ChannelPrefix}{(index + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture)}-{Specs[index].Slug}";

    private static DateTime RoundToMinute(DateTime moment) => new(moment.Ticks - (moment.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
}
