using ChatOpsIR.Teams.Protocol;

namespace ChatOpsIR.Teams.Activities;

/// <summary>The "Add to timeline" message action (manifest command <see cref="CommandId"/>): what its dialog and its submission share.</summary>
public static class TimelineAddAction
{
    public const string CommandId = "timeline.add";

    public const string UnknownAction = "ChatOpsIR does not know that action.";

    public const string NoIncident = "There is no open incident in this channel. Declare one first: @ChatOpsIR declare <title>.";

    /// <summary>The value of a message action invoke when it is ours; null for any other command.</summary>
    public static MessageActionValue? Read(TeamsTurn turn) =>
        TeamsCardData.Read(turn.Activity.Value, TeamsJsonContext.Default.MessageActionValue) is { CommandId: CommandId } value ? value : null;

    /// <summary>The text of the message the action was picked on.</summary>
    public static string Text(MessageBody? body) =>
        TeamsText.BodyText(body?.Content, body?.ContentType?.Equals("html", StringComparison.OrdinalIgnoreCase) == true);
}
