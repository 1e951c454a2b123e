namespace ChatOpsIR.Testing;

/// <summary>Where the repository and the shared fixtures (../shared beside the clone) are, from a test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "ChatOpsIR.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ChatOpsIR.sln not found above the test folder.");
    });

    public static string Root => RootPath.Value;

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A file of ../shared/fixtures, e.g. "slack/event-app-mention.json".</summary>
    public static string Fixture(string name) => Path.Combine(Root, "..", "shared", "fixtures", name);
}
