using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Data;

/// <summary>A platform delivery already handled, with the answer it got, so a retry is answered the same way and changes nothing.</summary>
public sealed class ProcessedDelivery
{
    public required TenantScope Scope { get; init; }
    public required string DeliveryId { get; init; }
    public required string ReplyJson { get; init; }
    public DateTime ReceivedAt { get; init; }
}
