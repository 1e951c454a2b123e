using System.Text;
using System.Text.RegularExpressions;
using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Web.SignIn;

namespace ChatOpsIR.Web;

/// <summary>
/// Without sign-in a person is their display name (`@Alice` names the same person as `@alice`). With sign-in a person
/// is their account (`oid` or `sub`): `@Alice` names whoever last wrote in the war room as Alice, else whoever signed in
/// as Alice, so a role or an invitation reaches the account. Where several signed in under one name and none of them
/// wrote, the command is refused and asks for the e-mail (`@alice@contoso.com`), which names one account.
/// </summary>
internal sealed partial class WebMentionResolver(IConversationLog log, ISignedInPeople people, WebCallers callers) : IMentionResolver
{
    /// <summary>How many namesakes the refusal lists.</summary>
    private const int MaxNamesakes = 5;

    public Platform Platform => Platform.Web;

    public async ValueTask<ChatUser> ResolveAsync(CommandContext context, UserMention mention, CancellationToken cancellationToken)
    {
        if (context.Mentions.Values.Contains(mention))
        {
            // Named by e-mail and found before the line was read (IdentifyByEmailAsync).
            return mention.ToUser();
        }

        var name = mention.DisplayName ?? mention.Id;
        if (!callers.SignInRequired)
        {
            return new ChatUser(WebChatEndpoints.UserId(name), name);
        }

        if (await log.FindAuthorAsync(context.Scope, name, cancellationToken) is { } known)
        {
            return known;
        }

        var signedIn = await people.FindAsync(context.Scope, name, MaxNamesakes, cancellationToken);
        return signedIn.Count switch
        {
            0 => new ChatUser(WebChatEndpoints.UserId(name), name),
            1 => new ChatUser(signedIn[0].UserId, signedIn[0].DisplayName),
            _ => throw new AmbiguousMentionException(Namesakes(name, signedIn)),
        };
    }

    /// <summary>
    /// The line with each `@e-mail` of someone who signed in to this scope written as `@Name`, and who each of those is
    /// (for <see cref="CommandContext.Mentions"/>). The grammar reads no `@` inside a name, so an e-mail is found here.
    /// </summary>
    public static async Task<(string Line, IReadOnlyDictionary<string, UserMention> Mentions)> IdentifyByEmailAsync(string line, TenantScope scope, ISignedInPeople people, CancellationToken cancellationToken)
    {
        var mentions = new Dictionary<string, UserMention>(StringComparer.Ordinal);
        var text = new StringBuilder();
        var copied = 0;
        foreach (var match in EmailMention().Matches(line).Take(10))
        {
            var email = match.Groups["email"].Value;
            var found = await people.FindAsync(scope, email, 2, cancellationToken);
            if (found is not [{ Email: { } known } person] || !string.Equals(known, email, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A key the grammar reads as one word, and that stands for nobody else in this line.
            var word = Word(person.DisplayName) ?? Word(email.Split('@')[0]) ?? "person";
            var key = word;
            for (var n = 2; mentions.TryGetValue(key, out var other) && other.Id != person.UserId; n++)
            {
                key = $"{word}{n}";
            }

            mentions[key] = new UserMention(person.UserId, person.DisplayName);
            text.Append(line, copied, match.Index - copied).Append('@').Append(key);
            copied = match.Index + match.Length;
        }

        return (text.Append(line, copied, line.Length - copied).ToString(), mentions);
    }

    private static string? Word(string name)
    {
        var word = new string(name.Where(char.IsLetterOrDigit).ToArray());
        return word.Length is > 0 and <= 40 ? word : null;
    }

    private static string Namesakes(string name, IReadOnlyList<SignedInPerson> people)
    {
        var emails = people.Select(p => p.Email).OfType<string>().ToList();
        var which = emails.Count == 0 ? string.Empty : $" ({string.Join(", ", emails)})";
        var example = emails.Count == 0 ? string.Empty : $", e.g. `@{emails[0]}`";
        return $"More than one person signed in here as {name}{which}, and I can't tell which you mean. Name them by e-mail{example}.";
    }

    [GeneratedRegex(@"(?<=^|\s)@(?<email>[^\s@<>]{1,64}@[^\s@<>]{1,190}\.[^\s@<>]{1,63})(?=$|\s)", RegexOptions.CultureInvariant)]
    private static partial Regex EmailMention();
}

/// <summary>A mention that names more than one person; the command is refused with <see cref="Exception.Message"/>.</summary>
internal sealed class AmbiguousMentionException(string message) : Exception(message);
