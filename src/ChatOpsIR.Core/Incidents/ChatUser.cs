namespace ChatOpsIR.Core.Incidents;

/// <summary>A person as a platform knows them: a stable id and the name to show.</summary>
public sealed record ChatUser(string Id, string DisplayName)
{
    public static ChatUser System { get; } = new("system", "ChatOpsIR");
}
