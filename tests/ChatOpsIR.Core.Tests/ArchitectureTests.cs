using System.Reflection;
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
        string[] products = ["ChatOpsIR.Core", "ChatOpsIR.Data", "ChatOpsIR.Slack", "ChatOpsIR.Teams", "ChatOpsIR.Scheduling", "ChatOpsIR.Web", "ChatOpsIR.Host"];
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

    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        _ => [],
    };
}
