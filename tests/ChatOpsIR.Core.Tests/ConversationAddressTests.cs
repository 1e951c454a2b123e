using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Tests;

public class ConversationAddressTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static ConversationAddress Seen(DateTime at, string endpoint = "https://smba.example/amer/") =>
        new(TenantScope.Teams("t1"), Platform.Teams, "a:chat", at) { Kind = "personal", ServiceEndpoint = endpoint, BotId = "28:bot", UserId = "29:alice" };

    [Fact]
    public void Seeing_the_same_conversation_again_soon_needs_no_write()
    {
        var stored = Seen(T0);
        Assert.False(stored.Refresh(Seen(T0.AddMinutes(5)), TimeSpan.FromHours(1)));
        Assert.Equal(T0, stored.UpdatedAt);
    }

    [Fact]
    public void A_moved_endpoint_or_an_hour_later_is_written()
    {
        var stored = Seen(T0);
        Assert.True(stored.Refresh(Seen(T0.AddMinutes(5), "https://smba.example/emea/"), TimeSpan.FromHours(1)));
        Assert.Equal("https://smba.example/emea/", stored.ServiceEndpoint);
        Assert.True(stored.Refresh(Seen(T0.AddHours(2), "https://smba.example/emea/"), TimeSpan.FromHours(1)));
        Assert.Equal(T0.AddHours(2), stored.UpdatedAt);
    }
}
