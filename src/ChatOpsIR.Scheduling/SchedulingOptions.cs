namespace ChatOpsIR.Scheduling;

public enum HangfireStorageKind
{
    Auto = 0,
    InMemory = 1,
    SqlServer = 2,
    Postgres = 3,
}

/// <summary>
/// `Hangfire:*`: where jobs are kept (Auto follows the database; in memory with SQLite, whose database is the source of
/// truth the reminders are rebuilt from), how often the follow-up sweep runs, and who may open the dashboard.
/// </summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Hangfire";
    public const int MinPasswordLength = 12;

    public HangfireStorageKind Storage { get; set; } = HangfireStorageKind.Auto;

    /// <summary>Cron expression (UTC) of the sweep that queues every follow-up that has come due.</summary>
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>Cron expression (UTC) of the daily reminder to take back access granted during incidents.</summary>
    public string AccessReminderCron { get; set; } = "0 9 * * *";

    /// <summary>Job workers in this host.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How long a run holds a work item (slow work a command stored) before another run may take it over.</summary>
    public TimeSpan WorkItemLease { get; set; } = Core.SlowWork.SlowWorkOptions.DefaultLease;

    /// <summary>Basic-auth user of the dashboard at /hangfire. Without one, the dashboard is open only to local requests in Development, and not served elsewhere.</summary>
    public string? DashboardUser { get; set; }

    /// <summary>Its password (at least 12 characters); from an environment variable or user-secrets, never a committed file.</summary>
    public string? DashboardPassword { get; set; }

    /// <summary>The problems with these settings, each naming its key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Storage))
        {
            errors.Add("Hangfire:Storage must be Auto, InMemory, SqlServer or Postgres.");
        }

        if (string.IsNullOrWhiteSpace(SweepCron) || SweepCron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
        {
            errors.Add($"Hangfire:SweepCron '{SweepCron}' is not a cron expression such as '* * * * *'.");
        }

        if (string.IsNullOrWhiteSpace(AccessReminderCron) || AccessReminderCron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
        {
            errors.Add($"Hangfire:AccessReminderCron '{AccessReminderCron}' is not a cron expression such as '0 9 * * *'.");
        }

        if (WorkItemLease <= TimeSpan.Zero)
        {
            errors.Add("Hangfire:WorkItemLease must be a positive time span such as 00:15:00.");
        }

        if (WorkerCount is < 1 or > 100)
        {
            errors.Add("Hangfire:WorkerCount must be between 1 and 100.");
        }

        var hasUser = !string.IsNullOrEmpty(DashboardUser);
        var hasPassword = !string.IsNullOrEmpty(DashboardPassword);
        if (hasUser != hasPassword)
        {
            errors.Add("Hangfire:DashboardUser and Hangfire:DashboardPassword are set together (or neither, for no dashboard outside Development).");
        }
        else if (hasUser && (DashboardPassword!.Length < MinPasswordLength || DashboardUser!.Contains(':', StringComparison.Ordinal)))
        {
            errors.Add($"Hangfire:DashboardPassword must have at least {MinPasswordLength} characters, and Hangfire:DashboardUser no ':'.");
        }

        return errors;
    }
}
