namespace ChatOpsIR.Core.Commands;

/// <summary>One verb of the grammar: how to type it, what it does, and examples.</summary>
public sealed record VerbHelp(string Verb, string Usage, string Summary, string Details, IReadOnlyList<string> Examples);

/// <summary>The help text for every verb; the same words on Slack, Teams and the web war room.</summary>
public static class HelpCatalog
{
    public static IReadOnlyList<VerbHelp> Verbs { get; } =
    [
        new("declare",
            "declare <title> [sev1|sev2|sev3|sev4] [exercise|tabletop|simulation] [new-channel] [private]",
            "Open an incident in this channel, with you as incident commander.",
            "The title is everything up to the options at the end. Severity defaults to sev3. Add `exercise` (or `tabletop` / `simulation`) for a rehearsal: it runs the same way and is counted apart. `new-channel` opens a dedicated war-room channel where the platform allows it. `private` keeps the incident to the people in it (insider or HR matters): it gets a private war-room channel, and nobody else sees it in any list, reminder, report or count by name. One incident can be open per channel.",
            ["declare Ransomware on file server sev2", "declare Phishing drill tabletop", "declare Leaked API key sev1 new-channel", "declare Suspicious mailbox access private"]),
        new("note",
            "note [INC-n] <text> [at <time>]",
            "Add an entry to the incident timeline. `log` does the same.",
            "The entry is stamped with you and the current time. To record something that happened earlier, end with `at 14:05` (your time zone; if that is still ahead today, yesterday is meant) or `at 2026-11-25T14:05Z`. Both times are kept: when it happened and when it was written down. After `resolve`, notes still go to the incident until it is closed, marked as added after resolve; name another incident with its reference, e.g. `note INC-0003 …`.",
            ["note Isolated FS01 from the network", "note EDR alert on laptop L-042 at 09:12", "log Backups verified at 2026-11-24T22:10Z"]),
        new("status",
            "status [INC-n] <text>",
            "Post a status update to the channel and record it in the timeline. Anyone holding a role in the incident can do this.",
            "Use it for the short summary people outside the war room read: what is known, what is being done, what comes next. The commander gives roles with `role scribe @person`, `role deputy @person` and so on; an incident manager may post too.",
            ["status Contained; restoring file shares from last night's backup"]),
        new("sev",
            "sev [INC-n] <1-4>",
            "Change the incident's severity (1 is the most severe). Only the commander, a deputy or an incident manager can do this.",
            "The change and who made it are recorded in the timeline. The commander names a deputy with `role deputy @person`.",
            ["sev 1", "sev 3"]),
        new("role",
            "role [INC-n] <commander|deputy|scribe|comms|lead> @person",
            "Give a person an incident role. Only the commander, a deputy or an incident manager can do this.",
            "Each role has one holder; assigning it again hands it over. Handing over `commander` gives the new commander the right to resolve and reassign. `role deputy @person` names a deputy, who may do what the commander does (resolve, reopen, close, severity, roles, skip and publish in the post-mortem) except hand action items to someone else. Anyone holding a role may mark key moments and post status.",
            ["role scribe @bob", "role deputy @dave", "role commander @carol"]),
        new("invite",
            "invite [INC-n] @person",
            "Let a person into the incident and its channel.",
            "For a private incident this is how someone comes to see it: only its members and role holders do. Only the commander, a deputy or an incident manager can invite.",
            ["invite @dana"]),
        new("private",
            "private [INC-n]",
            "Keep a running incident to its people from now on. `make private` does the same. Only the commander, a deputy or an incident manager can do this.",
            "Its declarer, role holders, the person who asks and the owners of its open action items stay in; everyone else stops finding it in lists, App Home and reports, and sees it in metrics and plan reviews only as a number. People who can already read the channel still can: on Slack change the channel to private in its settings, on Teams declare a new incident with `private` for a room of its own; the web war room hides the channel at once. Let more people in with `invite @person`. A private incident cannot be made public again.",
            ["private", "make private", "private INC-0003"]),
        new("mark",
            "mark [INC-n] <first-activity|detected|acknowledged|contained|eradicated|recovered> [[at] <time>]",
            "Mark a key moment of the incident, now or at a given time. Anyone holding a role in the incident can do this.",
            "Time to detect, acknowledge, contain, eradicate and recover are derived from these moments. Marking a moment again moves it, during the incident or in the post-mortem's timeline review.",
            ["mark detected", "mark contained at 14:05", "mark first-activity 2026-11-24T23:40Z"]),
        new("capture",
            "capture [INC-n] <on|off>",
            "Copy every message of this channel into the incident timeline, or stop.",
            "On by default when the incident has its own war-room channel. With capture off, messages reach the timeline through `note`, the pin reaction or the Add to timeline shortcut. The web war room keeps commands only.",
            ["capture on", "capture off"]),
        new("backfill",
            "backfill [INC-n] [since <time>]",
            "Copy the channel's earlier messages into the incident timeline, with their authors and times.",
            "Reads the channel's history from a day before the earliest key moment (or the declaration) until now, or from `since <time>` when you give one, and adds every message not already in the timeline; running it again adds nothing twice. It works in Slack and Teams channels the bot can read; the web war room keeps commands only, so it has no chat to read. The answer says how many messages were copied.",
            ["backfill", "backfill since 07:30", "backfill since 2026-11-24T22:00Z"]),
        new("evidence",
            "evidence [INC-n] <description> [sha256] [link] · evidence stored|transfer|verify|release|dispose|supersede E2 … · evidence E2 · evidence list",
            "Record an item of evidence with its hash, and keep its chain of custody: who has held it, where it was kept, and what was done with it.",
            "The chain of custody is what lets you show later that a piece of evidence is the one you collected and nobody changed it. " +
            "Recording an item (a 64-character SHA-256 and an https link at the end of the line are picked up as such; a bare `evidence` opens a form) makes you its first holder. Then, step by step: " +
            "`evidence stored E2 <where>` says where it is kept (a locker, a bucket, a path); " +
            "`evidence transfer E2 @person <why>` hands it to someone, who is told by direct message and, for a private incident, let in; " +
            "`evidence verify E2 <sha256>` compares a fresh hash with the recorded one and records a match or a MISMATCH warning (with none recorded, it becomes the item's hash); " +
            "`evidence release E2 <to whom and why>` and `evidence dispose E2 <how and why>` end custody, after which only verifying and viewing remain; " +
            "`evidence supersede E2 <reason>` marks an item replaced, and it stays in the record, since nothing is ever deleted. " +
            "Anyone in the incident records and verifies; storing, handing over, releasing, disposing and superseding are for the item's holder, the commander, a deputy or an incident manager. " +
            "Every step is stamped with who and when, goes into the timeline and the audit trail, and the report lists each item with its whole chain. `evidence E2` shows one item with its chain and a button for the next step; `evidence list` shows every item with its holder and state. A description cannot start with one of the step words.",
            [
                "evidence Memory image of FS01 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea https://files.example.org/fs01.mem",
                "evidence stored E1 Evidence locker 4, shelf B",
                "evidence transfer E1 @olga For imaging at the forensics lab",
                "evidence verify E1 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea",
                "evidence release E1 Returned to the owner after the case closed",
                "evidence dispose E1 Wiped with three passes, certificate in the ticket",
                "evidence supersede E1 Replaced by E3, a full disk image",
                "evidence E1",
                "evidence list",
            ]),
        new("resolve",
            "resolve [INC-n] [summary]",
            "Resolve the incident. Only the commander, a deputy or an incident manager can do this.",
            "The channel can then run the post-mortem (`postmortem`). Until the incident is closed (the post-mortem is published, or the commander types `close <reason>`), the channel's commands still act on it, so the timeline can be corrected; `reopen` brings it back.",
            ["resolve", "resolve Restored from backup; no data left the network"]),
        new("reopen",
            "reopen [INC-n] [reason]",
            "Reopen a resolved or closed incident. Only the commander, a deputy or an incident manager can do this.",
            "The incident is open again in its channel, so another incident must not be open there. The post-mortem keeps its answers.",
            ["reopen", "reopen INC-0003 Attacker back on FS01"]),
        new("close",
            "close [INC-n] <reason>",
            "Close a resolved incident without waiting for its post-mortem. Only the commander, a deputy or an incident manager can do this.",
            "Publishing the post-mortem closes the incident by itself. Once closed, the channel's commands no longer act on it; its timeline, post-mortem and report stay reachable by reference (`report INC-0003`).",
            ["close Duplicate of INC-0002", "close INC-0004 False positive; no post-mortem needed"]),
        new("postmortem",
            "postmortem [status] [INC-n]",
            "Start or resume the guided post-mortem in this channel; `postmortem status` shows progress.",
            "One card per section: scope and sources, timeline review, root causes (more than one, each tagged with the first principles that failed), impact (with notification clocks), response evaluation, lessons learned, action items, training, and the summary. Anyone can answer; every answer is saved at once, so it can pause for days. Only the commander, a deputy or an incident manager can skip a section (with a reason) or publish. Name an earlier incident by its reference to reach its post-mortem from any channel.",
            ["postmortem", "postmortem status", "postmortem INC-0003"]),
        new("action",
            "action [INC-n] @owner <due date> <text> · action done <id> · action <id> kind [<kind>]",
            "Add an action item for the incident in this channel, close one, or set its kind.",
            "The due date is a date (2026-12-01), `today`, `tomorrow`, `+7d`, `+2w` or `in 3 days`. Item ids look like A1; `action done A1` closes it, in the channel of its incident (or, in a direct message with the bot, one of your own items). `action A1 kind monitoring` sets its kind as the post-mortem names them (configuration, policy, monitoring, training, awareness, architecture); `action A1 kind` shows them to pick from. Its owner, the commander, a deputy or an incident manager can close it or set its kind.",
            ["action @bob 2026-12-01 Rotate the service account keys", "action @carol +2w Add EDR to the build servers", "action done A3", "action A3 kind monitoring"]),
        new("access",
            "access [INC-n] grant @person <what> [until <time>] · access revoked <G-id> [note] · access",
            "Keep track of access handed out during the incident, and of taking it back afterwards.",
            "Broad rights given to a responder for an incident (an admin role, a break-glass account, a firewall hole) should not outlive it. `access grant` records who got what, optionally with the time it should end (`until 18:00`, `until 2026-11-26 09:00`, `until +4h`); the grant gets an id such as G1. `access revoked G1` records that it was taken back, with an optional note; `revoke` works too. A bare `access` lists the grants, open ones first with how long they have been open and whether their end time has passed. Anyone who can see the incident may record either, even after it is closed. `resolve` warns about grants still open, and every day the commander gets a direct message listing them, with a Revoked button each, until none is left.",
            ["access grant @bob Domain Admin on CORP until 18:00", "access grant @carol Break-glass account ops-admin", "access revoked G1 removed from Domain Admins", "access"]),
        new("timeline",
            "timeline [INC-n]",
            "Show the incident's timeline in time order.",
            "Entries from every source are merged by when they happened; back-dated entries show when they were recorded, and entries added after resolve say so.",
            ["timeline", "timeline INC-0003"]),
        new("summary",
            "summary [INC-n] [lines]",
            "Catch up on an incident: one card with where it stands.",
            "Built from the record: severity, status and how long it has been open, who holds each role and which roles nobody holds yet, the key moments and response times, the last status update, open action items (overdue ones flagged), open access grants, evidence, running notification clocks, and the latest timeline entries (8 unless you ask for more, up to 50: `summary 20`). On Slack and in the web war room only you see the answer, so anyone joining late can ask without interrupting the channel; Teams has no message for one person, so there it answers in the thread, like `timeline`. Anyone who may see the incident may ask; name one by its reference to catch up from anywhere.",
            ["summary", "summary 20", "summary INC-0003"]),
        new("actions",
            "actions [INC-n]",
            "List the open action items of the incident in this channel.",
            "Each item shows its id, owner and due date; overdue items are flagged.",
            ["actions"]),
        new("report",
            "report [INC-n]",
            "Show where the post-mortem report stands, with its quality check and a link to the full report.",
            "The full report is a web page (and Markdown) with every section, the whole timeline, action items and evidence. Publishing from the summary card freezes a numbered version; later edits lead to the next version.",
            ["report", "report INC-0003"]),
        new("metrics",
            "metrics",
            "Show this year's incident figures against last year's: counts by severity, exercises apart, median times to detect, contain and recover, action items closed and overdue, the first principle that failed most, and how quickly access granted during incidents was revoked.",
            "Figures cover incidents in this workspace; private incidents count as numbers only. The insights web page has the charts by quarter and a CSV download; the answer links to it when this server has a public address (Reports:PublicBaseUrl).",
            ["metrics"]),
        new("plan",
            "plan review now · plan status",
            "Start the yearly review of the incident-response plan, or show the last and next review.",
            "The plan is reviewed at least once a year; the review records who signed it off and when.",
            ["plan status", "plan review now"]),
        new("audit",
            "audit [INC-n] · audit verify",
            "See who changed an incident's record and how, or check that the audit trail was never altered.",
            "Every change to the record (fields, roles, timeline, post-mortem answers, action items, evidence, plan reviews) and every refused attempt is written to an audit trail with who, from where, when, and the values before and after. Each row carries a SHA-256 hash of itself and of the row before it, so changing, removing or reordering any row afterwards breaks the chain. `audit` shows an incident's latest changes; `audit verify` walks the whole chain of this workspace and names the first row that does not hold, and gives the chain's head: note it somewhere else (the host logs it daily) to prove later that nothing before it was rewritten. Only you see the answer.",
            ["audit", "audit INC-0003", "audit verify"]),
        new("export",
            "export [INC-n] · export plan [year]",
            "Get links to download the incident's whole record as JSON and as Markdown, for an auditor. `export plan` does the same for the plan review's sign-off.",
            "The answer is for you alone, with two links that stop working after a day (Exports:LinkLifetimeHours). The JSON holds the incident, its timeline, the post-mortem with every earlier value of its answers, action items, evidence with custody, and the audit rows with the hash chain they sit in; `scripts/verify-export.sh <file>` checks it offline, without the database. Only people who can see the incident get links. On Teams, where everyone in a channel reads the bot's answers, the links come in your 1:1 chat with the bot instead. `export plan` gives the latest sign-off, `export plan 2026` the last one of that year.",
            ["export", "export INC-0004", "export plan", "export plan 2026"]),
        new("help",
            "help [verb]",
            "List the commands, or explain one.",
            "Every command works the same way on Slack (`/ir …`), Teams (`@ChatOpsIR …`) and the web war room.",
            ["help", "help mark"]),
    ];

    /// <summary>Words accepted in place of a verb.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["log"] = "note",
        ["severity"] = "sev",
        ["post-mortem"] = "postmortem",
        ["pm"] = "postmortem",
        ["?"] = "help",
    };

    public static VerbHelp? Find(string verb)
    {
        if (Aliases.TryGetValue(verb, out var canonical))
        {
            verb = canonical;
        }

        return Verbs.FirstOrDefault(v => string.Equals(v.Verb, verb, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The closest verb to something mistyped, when one is close enough to suggest.</summary>
    public static string? Suggest(string verb)
    {
        verb = verb.ToLowerInvariant();
        var best = Verbs
            .Select(v => v.Verb)
            .Concat(Aliases.Keys)
            .Select(v => (Verb: v, Distance: Distance(verb, v)))
            .OrderBy(x => x.Distance)
            .First();
        return best.Distance <= Math.Max(1, verb.Length / 3) ? (Find(best.Verb)?.Verb ?? best.Verb) : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
