using Microsoft.AspNetCore.Http;

namespace ChatOpsIR.Teams.Activities;

/// <summary>The invoke names ChatOpsIR answers (PROTOCOLS 2.7); each has one <see cref="ITeamsInvokeHandler"/>.</summary>
public static class TeamsInvokeNames
{
    /// <summary>A card button (<c>Action.Execute</c>) was pressed.</summary>
    public const string CardAction = "adaptiveCard/action";

    /// <summary>A message action was picked: the dialog it opens is asked for.</summary>
    public const string FetchTask = "composeExtension/fetchTask";

    /// <summary>A message action's dialog was submitted.</summary>
    public const string SubmitAction = "composeExtension/submitAction";
}

/// <summary>Answers one kind of invoke, in the HTTP response as Teams requires; registered once per <see cref="Name"/>.</summary>
public interface ITeamsInvokeHandler
{
    /// <summary>The invoke name this handler answers, one of <see cref="TeamsInvokeNames"/>.</summary>
    string Name { get; }

    Task<IResult> HandleAsync(TeamsTurn turn, CancellationToken cancellationToken);
}
