using System.Text.RegularExpressions;
using ChatOpsIR.Testing;

namespace ChatOpsIR.Core.Tests;

/// <summary>
/// Rules read from the source itself: what only composition may do, and what only an adapter may know. Each failure
/// names the file and line, so the fix is obvious.
/// </summary>
public partial class SourceBoundaryTests
{
    /// <summary>The front doors. Their composition lives in the *ServiceCollectionExtensions files and endpoint mapping.</summary>
    private static readonly string[] Adapters = ["ChatOpsIR.Slack", "ChatOpsIR.Teams", "ChatOpsIR.Web"];

    [Fact]
    public void Adapters_take_their_services_by_constructor_not_from_a_service_provider()
    {
        var offending = Adapters
            .SelectMany(adapter => CodeLines(adapter))
            .Where(line => !Path.GetFileName(line.File).EndsWith("ServiceCollectionExtensions.cs", StringComparison.Ordinal))
            .Where(line => ServiceLocation().IsMatch(line.Text))
            .Select(line => line.ToString())
            .ToList();
        Assert.True(offending.Count == 0, "Resolve services in composition only, and take them by constructor:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void Core_knows_no_platform_markup_or_wire_names()
    {
        var offending = CodeLines("ChatOpsIR.Core")
            .Where(line => PlatformSyntax().IsMatch(line.Text))
            .Select(line => line.ToString())
            .ToList();
        Assert.True(offending.Count == 0, "Platform syntax belongs to its adapter (Core speaks the neutral card model and @word mentions):\n" + string.Join('\n', offending));
    }

    [Fact]
    public void Scopes_are_built_and_read_only_by_TenantScope()
    {
        var tenantScope = RepoPaths.File("src", "ChatOpsIR.Core", "Incidents", "TenantScope.cs");
        var offending = Directory.EnumerateDirectories(RepoPaths.File("src"))
            .SelectMany(folder => CodeLines(Path.GetFileName(folder)))
            .Where(line => line.File != tenantScope)
            .Where(line => ScopeText().IsMatch(line.Text))
            .Select(line => line.ToString())
            .ToList();
        Assert.True(offending.Count == 0, "Build and read scopes with TenantScope (TenantScope.Slack(key), scope.KeyFor(Platform.Teams)):\n" + string.Join('\n', offending));
    }

    [Fact]
    public void The_rules_see_what_they_forbid()
    {
        // A rule that matches nothing would pass forever: each pattern must catch the kind of line it is written for.
        Assert.Matches(ServiceLocation(), "var store = http.RequestServices.GetRequiredService<IIncidentStore>();");
        Assert.Matches(ServiceLocation(), "public sealed class Worker(IServiceProvider services)");
        Assert.Matches(PlatformSyntax(), "var mention = $\"<@{id}|{name}>\";");
        Assert.Matches(PlatformSyntax(), "text.Replace(\"<at>\", \"@\")");
        Assert.Matches(PlatformSyntax(), "[\"type\"] = \"mrkdwn\",");
        Assert.DoesNotMatch(PlatformSyntax(), "_out.Append(\"<!DOCTYPE html>\");");
        Assert.Matches(ScopeText(), "private const string Prefix = \"teams:\";");
        Assert.Matches(ScopeText(), "scope.StartsWith(\"slack:\", StringComparison.Ordinal)");
        Assert.Matches(ScopeText(), "public static string Of(string tenantId) => $\"teams:{tenantId}\";");
        Assert.Matches(ScopeText(), "var scope = $\"slack:{team}\";");
        Assert.DoesNotMatch(ScopeText(), "Bounded($\"{KeyPrefix}:{channel}:{messageId}\")");
    }

    private sealed record CodeLine(string File, int Number, string Text)
    {
        public override string ToString() => $"{Path.GetRelativePath(RepoPaths.Root, File)}:{Number}: {Text.Trim()}";
    }

    /// <summary>The hand-written C# of a project, without comments (a doc comment may name what the code must not do).</summary>
    private static IEnumerable<CodeLine> CodeLines(string project)
    {
        var folder = RepoPaths.File("src", project);
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal) || relative.Contains("/Migrations/", StringComparison.Ordinal))
            {
                continue;
            }

            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("*", StringComparison.Ordinal))
                {
                    continue;
                }

                yield return new CodeLine(file, number, line);
            }
        }
    }

    /// <summary>A scope's text written or read by hand: <c>"slack:"</c>, <c>"teams:"</c>, <c>$"slack:{…</c>, <c>$"teams:{…</c>.</summary>
    [GeneratedRegex(@"""(slack|teams):""|\$""(slack|teams):\{")]
    private static partial Regex ScopeText();

    [GeneratedRegex(@"\bIServiceProvider\b|\bIServiceScopeFactory\b|\bRequestServices\b|\.GetRequiredService\b|\.GetService\b|\.GetRequiredKeyedService\b|\.GetKeyedService\b|\bCreateAsyncScope\b|\bCreateScope\b")]
    private static partial Regex ServiceLocation();

    /// <summary>
    /// Slack mentions and links (<c>&lt;@U…&gt;</c>, <c>&lt;#C…&gt;</c>, <c>&lt;!here&gt;</c>), Teams mentions
    /// (<c>&lt;at&gt;</c>), and JSON names of Block Kit, Adaptive Cards, Slack payloads and Bot Framework activities.
    /// </summary>
    [GeneratedRegex(@"<@|<#[A-Z]|<!(channel|here|everyone|subteam)|</?at>|""(mrkdwn|plain_text|blocks|response_url|trigger_id|AdaptiveCard|Action\.Submit|Action\.Execute|serviceUrl|channelData)""")]
    private static partial Regex PlatformSyntax();
}
