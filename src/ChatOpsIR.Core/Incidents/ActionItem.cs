namespace ChatOpsIR.Core.Incidents;

public enum ActionItemStatus
{
    Open = 0,
    Done = 1,
}

public enum ActionItemKind
{
    Unspecified = 0,
    Configuration = 1,
    PolicyOrProcedure = 2,
    Monitoring = 3,
    Training = 4,
    Awareness = 5,
    Architecture = 6,
}

/// <summary>Whether fixing the item removes a whole class of problems or patches one instance.</summary>
public enum ActionItemReach
{
    Unspecified = 0,
    RemovesClass = 1,
    PatchesInstance = 2,
}

/// <summary>A piece of follow-up work with one owner and a due date.</summary>
public sealed class ActionItem
{
    public const int MaxTitleLength = 500;

    private ActionItem()
    {
        Title = string.Empty;
        OwnerId = string.Empty;
        OwnerName = string.Empty;
        CreatedById = string.Empty;
    }

    public ActionItem(Incident incident, int number, string title, ChatUser owner, DateOnly dueDate, ChatUser createdBy, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Id = Guid.NewGuid();
        Scope = incident.Scope;
        IncidentId = incident.Id;
        Number = number;
        Title = title.Trim().Length > MaxTitleLength ? title.Trim()[..MaxTitleLength] : title.Trim();
        OwnerId = owner.Id;
        OwnerName = owner.DisplayName;
        DueDate = dueDate;
        CreatedById = createdBy.Id;
        CreatedAt = now;
        RemindFrom = now;
        Status = ActionItemStatus.Open;
    }

    public Guid Id { get; private set; }
    public TenantScope Scope { get; private set; }
    public Guid IncidentId { get; private set; }

    /// <summary>Sequential per scope: A1, A2… (what `action done A1` takes).</summary>
    public int Number { get; private set; }

    public string Reference => $"A{Number}";
    public string Title { get; private set; }
    public string OwnerId { get; private set; }
    public string OwnerName { get; private set; }
    public DateOnly DueDate { get; private set; }
    public ActionItemKind Kind { get; private set; }
    public ActionItemReach Reach { get; private set; }
    public ActionItemStatus Status { get; private set; }
    public string CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? DoneAt { get; private set; }
    public string? DoneById { get; private set; }

    /// <summary>Reminders that would have gone out before this moment are not sent (set when the item is made, re-dated or handed over).</summary>
    public DateTime RemindFrom { get; private set; }

    /// <summary>The owner asked for no reminder before this moment.</summary>
    public DateTime? SnoozedUntil { get; private set; }

    /// <summary>When the item was last handed to its current owner by someone else; the new owner is told.</summary>
    public DateTime? HandedOverAt { get; private set; }

    /// <summary>No reminder before <paramref name="until"/>; the owner gets one then.</summary>
    public void Snooze(DateTime until)
    {
        EnsureOpen();
        SnoozedUntil = until;
    }

    /// <summary>A new due date; reminders start again from it.</summary>
    public void Reschedule(DateOnly dueDate, DateTime now)
    {
        EnsureOpen();
        DueDate = dueDate;
        RemindFrom = now;
        SnoozedUntil = null;
    }

    /// <summary>Hands the item to someone else, who is told and gets its reminders from now on.</summary>
    public void Reassign(ChatUser owner, DateTime now)
    {
        EnsureOpen();
        OwnerId = owner.Id;
        OwnerName = owner.DisplayName;
        HandedOverAt = now;
        RemindFrom = now;
        SnoozedUntil = null;
    }

    private void EnsureOpen()
    {
        if (Status == ActionItemStatus.Done)
        {
            throw new InvalidOperationException($"{Reference} is already done.");
        }
    }

    public void Complete(ChatUser by, DateTime now)
    {
        if (Status == ActionItemStatus.Done)
        {
            throw new InvalidOperationException($"{Reference} is already done.");
        }

        Status = ActionItemStatus.Done;
        DoneAt = now;
        DoneById = by.Id;
    }

    public void Classify(ActionItemKind kind, ActionItemReach reach)
    {
        Kind = kind;
        Reach = reach;
    }
}
