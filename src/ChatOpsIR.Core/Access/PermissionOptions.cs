using System.Text.RegularExpressions;

namespace ChatOpsIR.Core.Access;

/// <summary>`Permissions:*`: who, beyond an incident's own commander and deputy, may act as its commander.</summary>
public sealed partial class PermissionOptions
{
    public const string SectionName = "Permissions";

    public IncidentManagerGroups IncidentManagers { get; set; } = new();

    /// <summary>The problems with these settings, each naming its key; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(IncidentManagers.Slack, "Slack", id => SlackGroupId().IsMatch(id), "is not a Slack user group id (it looks like S0123ABCD)");
        Check(IncidentManagers.Teams, "Teams", id => Guid.TryParse(id, out _), "is not a Microsoft Entra group object id (a GUID)");
        Check(IncidentManagers.Web, "Web", id => id == id.Trim(), "starts or ends with a space, so no groups claim would ever match it");
        return errors;

        void Check(string[]? values, string platform, Func<string, bool> valid, string problem)
        {
            for (var i = 0; i < (values?.Length ?? 0); i++)
            {
                var value = values![i];
                var key = $"{SectionName}:IncidentManagers:{platform}:{i}";
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add($"{key} is empty; remove it or give a group.");
                }
                else if (!valid(value))
                {
                    errors.Add($"{key} ('{value}') {problem}.");
                }
            }
        }
    }

    [GeneratedRegex("^S[A-Z0-9]{2,30}$")]
    private static partial Regex SlackGroupId();
}

/// <summary>The groups whose members are incident managers, per platform. Empty means no incident managers there.</summary>
public sealed class IncidentManagerGroups
{
    /// <summary>Slack user group ids (S…), of the workspace the bot is installed in.</summary>
    public string[] Slack { get; set; } = [];

    /// <summary>Microsoft Entra group object ids; membership is checked in Microsoft Graph, transitively.</summary>
    public string[] Teams { get; set; } = [];

    /// <summary>Values of the groups claim of the web war room's sign-in.</summary>
    public string[] Web { get; set; } = [];
}
