namespace ChatOpsIR.Teams;

/// <summary>
/// Tenant isolation: everything from one Teams tenant lives in one Core scope, <c>teams:{tenant id}</c>. The only place
/// that writes or reads that form.
/// </summary>
public static class TeamsScope
{
    private const string Prefix = "teams:";

    /// <summary>The scope of a Teams tenant.</summary>
    public static string Of(string tenantId) => Prefix + tenantId;

    /// <summary>The Teams tenant a scope stands for, or null when it is another platform's scope.</summary>
    public static string? TenantOf(string scope) => scope.StartsWith(Prefix, StringComparison.Ordinal) ? scope[Prefix.Length..] : null;
}
