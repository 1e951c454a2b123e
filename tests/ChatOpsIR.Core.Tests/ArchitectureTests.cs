using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Tests;

public class ArchitectureTests
{
    private static readonly string[] Forbidden =
    [
        "Microsoft.AspNetCore",
        "Microsoft.EntityFrameworkCore",
        "Hangfire",
        "System.Net.Http",
        "Microsoft.Extensions.Http",
    ];

    /// <summary>The front doors: each talks to Core (and a renderer), never to another.</summary>
    private static readonly string[] Adapters = ["ChatOpsIR.Slack", "ChatOpsIR.Teams", "ChatOpsIR.Web"];

    private const int MaxSourceLines = 400;

    [Fact]
    public void Core_references_no_web_framework_orm_scheduler_or_http()
    {
        var references = typeof(Incident).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var offending = references.Where(r => Forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal))).ToList();
        Assert.True(offending.Count == 0, $"ChatOpsIR.Core must not reference: {string.Join(", ", offending)}");
    }

    [Fact]
    public void Core_uses_no_http_types_in_its_signatures()
    {
        var types = typeof(Incident).Assembly.GetTypes();
        var members = types.SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));
        var httpTypes = members
            .SelectMany(SignatureTypes)
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("System.Net.Http", StringComparison.Ordinal) || ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .Distinct()
            .ToList();
        Assert.Empty(httpTypes);
    }

    [Fact]
    public void Public_async_methods_end_in_Async_and_take_a_cancellation_token()
    {
        string[] products = ["ChatOpsIR.Core", "ChatOpsIR.Data", "ChatOpsIR.AdaptiveCards", "ChatOpsIR.Slack", "ChatOpsIR.Teams", "ChatOpsIR.Scheduling", "ChatOpsIR.Web", "ChatOpsIR.Host"];
        var assemblies = products.Select(name => Assembly.Load(name)).ToList();
        var offenders = new List<string>();
        foreach (var type in assemblies.SelectMany(a => a.GetExportedTypes()))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var returnsTask = typeof(Task).IsAssignableFrom(method.ReturnType) || method.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal);
                if (!returnsTask || method.IsSpecialName)
                {
                    continue;
                }

                if (!method.Name.EndsWith("Async", StringComparison.Ordinal) || !method.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
                {
                    offenders.Add($"{type.FullName}.{method.Name}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Async methods must end in Async and take a CancellationToken: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Adapters_do_not_reference_each_other()
    {
        var offending = new List<string>();
        foreach (var adapter in Adapters)
        {
            var reachable = ProjectsReachableFrom(adapter);
            offending.AddRange(Adapters.Where(other => other != adapter && reachable.Contains(other)).Select(other => $"{adapter} → {other}"));

            var assemblies = Assembly.Load(adapter).GetReferencedAssemblies().Select(a => a.Name!);
            offending.AddRange(assemblies.Where(name => name != adapter && Adapters.Contains(name)).Select(name => $"{adapter} (assembly) → {name}"));
        }

        Assert.True(offending.Count == 0, $"Slack, Teams and the web war room share only Core and the renderers; found: {string.Join(", ", offending)}");
    }

    [Fact]
    public void The_adaptive_card_renderer_references_only_Core()
    {
        const string renderer = "ChatOpsIR.AdaptiveCards";
        var project = XDocument.Load(ProjectFile(renderer));
        var projects = project.Descendants("ProjectReference").Select(r => ProjectName(r.Attribute("Include")!.Value)).ToList();
        Assert.Equal(["ChatOpsIR.Core"], projects);
        var packages = project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference").Select(e => e.Attribute("Include")?.Value)
            .Where(include => include != "System.Text.Json")
            .ToList();
        Assert.True(packages.Count == 0, $"{renderer} must not reference packages or frameworks beyond System.Text.Json: {string.Join(", ", packages)}");

        // In the compiled assembly: Core and the base library (System.Text.Json among it), nothing for HTTP.
        var offending = Assembly.Load(renderer).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name != "ChatOpsIR.Core" && (!IsBaseLibrary(name) || Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal))))
            .ToList();
        Assert.True(offending.Count == 0, $"{renderer} must reference only ChatOpsIR.Core and System assemblies: {string.Join(", ", offending)}");
    }

    [Fact]
    public void No_hand_written_source_file_exceeds_400_lines()
    {
        var root = RepositoryRoot();
        var offending = HandWrittenSources(root)
            .Select(path => (Path: path, Lines: File.ReadLines(Path.Combine(root, path)).Count()))
            .Where(file => file.Lines > MaxSourceLines)
            .Select(file => $"{file.Path} ({file.Lines} lines)")
            .ToList();
        Assert.True(offending.Count == 0, $"Split these by responsibility into files of at most {MaxSourceLines} lines: {string.Join(", ", offending)}");
    }

    [Fact]
    public void Source_never_reads_the_wall_clock_directly()
    {
        // A comment may name the clock it avoids; code takes the time from an injected TimeProvider.
        var wallClock = new Regex(@"\bDateTime(Offset)?\.(Utc)?Now\b", RegexOptions.CultureInvariant);
        var root = RepositoryRoot();
        var offending = HandWrittenSources(root)
            .SelectMany(path => File.ReadLines(Path.Combine(root, path))
                .Select((line, index) => (Line: line, Number: index + 1))
                .Where(l => !l.Line.TrimStart().StartsWith("//", StringComparison.Ordinal) && wallClock.IsMatch(l.Line))
                .Select(l => $"{path}:{l.Number}"))
            .ToList();
        Assert.True(offending.Count == 0, $"Read the time from an injected TimeProvider, not DateTime.Now/UtcNow or DateTimeOffset.Now/UtcNow: {string.Join(", ", offending)}");
    }

    /// <summary>The C# files under src/ that people write, repository-relative with forward slashes: no generated migrations, no build output.</summary>
    private static IEnumerable<string> HandWrittenSources(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(folder => folder is "Migrations" or "obj" or "bin"))
            .Order(StringComparer.Ordinal);

    private static bool IsBaseLibrary(string assembly) =>
        assembly is "netstandard" or "mscorlib" || assembly.StartsWith("System.", StringComparison.Ordinal);

    /// <summary>The projects a project references, directly or through others, read from the csproj files.</summary>
    private static HashSet<string> ProjectsReachableFrom(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([name]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var reference in XDocument.Load(ProjectFile(current)).Descendants("ProjectReference"))
            {
                var referenced = ProjectName(reference.Attribute("Include")!.Value);
                if (seen.Add(referenced))
                {
                    queue.Enqueue(referenced);
                }
            }
        }

        return seen;
    }

    private static string ProjectName(string include) => Path.GetFileNameWithoutExtension(include.Replace('\\', '/'));

    private static string ProjectFile(string name)
    {
        var path = Path.Combine(RepositoryRoot(), "src", name, name + ".csproj");
        Assert.True(File.Exists(path), $"{path} not found");
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChatOpsIR.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ChatOpsIR.sln not found above {AppContext.BaseDirectory}; the architecture tests read the csproj files.");
    }

    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        _ => [],
    };
}
