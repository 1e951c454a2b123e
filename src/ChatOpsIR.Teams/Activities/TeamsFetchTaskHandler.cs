using System.Text.Json.Nodes;
using ChatOpsIR.AdaptiveCards;
using ChatOpsIR.Core.Access;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Core.Workflows;
using ChatOpsIR.Teams.Graph;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Activities;

/// <summary>
/// <c>composeExtension/fetchTask</c>: "Add to timeline" picked on a message. The answer is a dialog that shows the
/// message and asks to confirm, or says why it cannot be added. "Add as evidence" answers here too, without a dialog
/// (<see cref="TeamsEvidenceAction"/>).
/// </summary>
public sealed class TeamsFetchTaskHandler(IIncidentStore store, IncidentPermissions permissions, TeamsUserDirectory users, TeamsEvidenceAction evidence) : ITeamsInvokeHandler
{
    private const int MaxPreview = 500;

    public string Name => TeamsInvokeNames.FetchTask;

    public async Task<IResult> HandleAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        if (TeamsEvidenceAction.Read(turn) is { } evidenceValue)
        {
            return await evidence.HandleAsync(turn, evidenceValue, cancellationToken);
        }

        if (TimelineAddAction.Read(turn) is not { } value)
        {
            return TeamsInvokeResults.TaskMessage(TimelineAddAction.UnknownAction);
        }

        if (await store.FindCurrentIncidentAsync(turn.Scope, turn.ChannelKey, cancellationToken) is not { } incident)
        {
            return TeamsInvokeResults.TaskMessage(TimelineAddAction.NoIncident);
        }

        if (incident.IsPrivate && !await permissions.CanSeeAsync(TeamsCommandContext.For(turn), incident, cancellationToken))
        {
            return TeamsInvokeResults.TaskMessage(IncidentLookup.PrivateChannel);
        }

        var payload = value.MessagePayload;
        var author = payload?.From?.User?.DisplayName is { Length: > 0 } shown ? shown
            : payload?.From?.User?.Id is { Length: > 0 } authorId ? await users.FindNameAsync(turn.TenantId, authorId, cancellationToken) ?? "someone" : "someone";
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = AdaptiveCardRenderer.SchemaVersion,
            ["body"] = new JsonArray(
                Rich($"Add this message by {author} to the {incident.Reference} timeline?", bold: true),
                Rich(Shorten(TimelineAddAction.Text(payload?.Body)), bold: false)),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = "Add to timeline",
                ["data"] = new JsonObject { ["confirm"] = "yes" },
            }),
        };
        return TeamsInvokeResults.TaskContinue(new JsonObject
        {
            ["title"] = "Add to timeline",
            ["height"] = "medium",
            ["width"] = "medium",
            ["card"] = new JsonObject { ["contentType"] = AdaptiveCardRenderer.ContentType, ["content"] = card },
        });
    }

    /// <summary>User text as a TextRun, which Teams never reads as markdown (PROTOCOLS 3.5).</summary>
    private static JsonObject Rich(string text, bool bold)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
    }

    private static string Shorten(string text) => text.Length <= MaxPreview ? text : string.Concat(text.AsSpan(0, MaxPreview - 1), "…");
}
