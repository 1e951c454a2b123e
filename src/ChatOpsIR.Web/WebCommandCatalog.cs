using ChatOpsIR.Core.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChatOpsIR.Web;

/// <summary>One verb as the command box offers it while typing: the word, how to type it, and what it does in a line.</summary>
public sealed record WebCommand(string Verb, string Syntax, string Summary);

/// <summary>Every verb and the words accepted in place of one (`log` for `note`), for the command box's completion.</summary>
public sealed record WebCommandCatalogResponse(IReadOnlyList<WebCommand> Commands, IReadOnlyDictionary<string, string> Aliases);

/// <summary>
/// The help catalog for the command box: the same words `help` answers with on Slack, Teams and the web war room,
/// so completion never offers a verb the server does not know.
/// </summary>
internal static class WebCommandCatalog
{
    private static readonly WebCommandCatalogResponse Catalog = new(
        HelpCatalog.Verbs.Select(v => new WebCommand(v.Verb, v.Usage, v.Summary)).ToList(),
        HelpCatalog.Aliases.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));

    /// <summary>Maps `GET {group}/commands`; the group brings the same sign-in or local-only rule as the rest of the API.</summary>
    internal static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commands", () => Results.Ok(Catalog))
            .WithName("ListCommands")
            .WithSummary("Every command verb with its syntax and a one-line summary, for the command box's completion.")
            .Produces<WebCommandCatalogResponse>();
}
