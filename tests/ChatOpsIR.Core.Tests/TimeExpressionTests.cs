using ChatOpsIR.Core.Commands;

namespace ChatOpsIR.Core.Tests;

public class TimeExpressionTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private static DateTime Resolve(string text, string zone = "UTC")
    {
        Assert.True(TimeExpression.TryParse(text, out var expression));
        Assert.True(expression!.TryResolve(Now, TimeZoneInfo.FindSystemTimeZoneById(zone), out var utc, out var error), error);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        return utc;
    }

    [Fact]
    public void A_time_of_day_earlier_than_now_is_today() =>
        Assert.Equal(new DateTime(2026, 11, 25, 9, 5, 0, DateTimeKind.Utc), Resolve("09:05"));

    [Fact]
    public void A_time_of_day_still_ahead_means_yesterday() =>
        Assert.Equal(new DateTime(2026, 11, 24, 23, 40, 0, DateTimeKind.Utc), Resolve("23:40"));

    [Fact]
    public void A_time_of_day_is_read_in_the_callers_zone() =>
        // 10:30 in Berlin (UTC+1 in November) is 09:30 UTC.
        Assert.Equal(new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc), Resolve("10:30", "Europe/Berlin"));

    [Fact]
    public void Iso_instants_keep_their_offset() =>
        Assert.Equal(new DateTime(2026, 11, 24, 21, 10, 0, DateTimeKind.Utc), Resolve("2026-11-24T22:10+01:00"));

    [Fact]
    public void Future_instants_are_refused_with_a_message()
    {
        Assert.True(TimeExpression.TryParse("2026-11-26T10:00Z", out var expression));
        Assert.False(expression!.TryResolve(Now, TimeZoneInfo.Utc, out _, out var error));
        Assert.Contains("future", error);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("noon")]
    [InlineData("2026-13-01T00:00Z")]
    [InlineData("1234")]
    public void Nonsense_is_not_a_time(string text) => Assert.False(TimeExpression.TryParse(text, out _));
}
