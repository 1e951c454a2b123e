using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Tests;

public class TenantScopeTests
{
    [Theory]
    [InlineData("slack:T0001", Platform.Slack, "T0001")]
    [InlineData("slack:E0ORG", Platform.Slack, "E0ORG")]
    [InlineData("teams:72f988bf-86f1-41af-91ab-2d7cd011db47", Platform.Teams, "72f988bf-86f1-41af-91ab-2d7cd011db47")]
    [InlineData("web", Platform.Web, "")]
    public void A_stored_scope_reads_back_as_the_same_workspace_or_tenant(string text, Platform platform, string key)
    {
        var scope = TenantScope.Parse(text);
        Assert.Equal(platform, scope.Platform);
        Assert.Equal(key, scope.Key);
        Assert.Equal(text, scope.ToString());
    }

    [Fact]
    public void Scopes_are_equal_by_platform_and_key()
    {
        Assert.Equal(TenantScope.Slack("T0001"), TenantScope.Parse("slack:T0001"));
        Assert.NotEqual(TenantScope.Slack("T0001"), TenantScope.Slack("T0002"));
        Assert.NotEqual(TenantScope.Slack("X1"), TenantScope.Teams("X1"));
        Assert.Equal("T0001", TenantScope.Slack("T0001").KeyFor(Platform.Slack));
        Assert.Null(TenantScope.Slack("T0001").KeyFor(Platform.Teams));
        Assert.Null(TenantScope.Web.KeyFor(Platform.Web));
    }

    [Theory]
    [InlineData("")]
    [InlineData("slack:")]
    [InlineData("teams:")]
    [InlineData("Slack:T0001")]
    [InlineData("discord:123")]
    [InlineData("slack:T 0001")]
    [InlineData("web:")]
    public void Text_this_type_did_not_write_is_refused(string text)
    {
        Assert.False(TenantScope.TryParse(text, out _));
        Assert.Throws<FormatException>(() => TenantScope.Parse(text));
    }

    [Fact]
    public void A_key_that_would_not_fit_its_column_or_is_blank_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TenantScope.Slack(" "));
        Assert.Throws<ArgumentException>(() => TenantScope.Teams(new string('a', TenantScope.MaxKeyLength + 1)));
        Assert.True(TenantScope.Parse(TenantScope.Teams(new string('a', TenantScope.MaxKeyLength)).ToString()).ToString().Length <= 200);
    }
}
