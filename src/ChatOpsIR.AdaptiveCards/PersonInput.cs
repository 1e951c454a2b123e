namespace ChatOpsIR.AdaptiveCards;

/// <summary>How a person input (<see cref="InputKind.Person"/>) is rendered: the hosts differ.</summary>
public enum PersonInput
{
    /// <summary>A text field for a name or @name (the web war room, whose renderer has no directory to search).</summary>
    Text = 0,

    /// <summary>
    /// Teams' people picker: an Input.ChoiceSet whose choices come from the organisation's directory
    /// (<c>choices.data</c> of type Data.Query, dataset graph.microsoft.com/users); Teams submits the Entra object id of
    /// the person picked.
    /// </summary>
    TeamsPeoplePicker = 1,
}
