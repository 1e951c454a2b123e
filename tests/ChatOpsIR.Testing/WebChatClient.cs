using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsIR.Testing;

/// <summary>Drives the web war room's JSON API the way its page does.</summary>
public sealed class WebChatClient(HttpClient http, string channel, string user, string timeZone = "UTC")
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Channel => channel;

    public string User => user;

    public async Task<WebReply> SendAsync(string text, string? clientMessageId = null)
    {
        var response = await http.PostAsJsonAsync($"/api/webchat/channels/{channel}/commands", new { user, text, clientMessageId, timeZone });
        response.EnsureSuccessStatusCode();
        return await ReadReplyAsync(response);
    }

    public async Task<WebReply> PressAsync(string verb, Dictionary<string, string> data)
    {
        var response = await http.PostAsJsonAsync($"/api/webchat/channels/{channel}/actions", new { user, verb, data, timeZone });
        response.EnsureSuccessStatusCode();
        return await ReadReplyAsync(response);
    }

    public async Task<JsonArray> MessagesAsync(long after = 0)
    {
        var node = await http.GetFromJsonAsync<JsonObject>($"/api/webchat/channels/{channel}/messages?user={Uri.EscapeDataString(user)}&after={after}", Json);
        return node!["messages"]!.AsArray();
    }

    public async Task<JsonObject> TimelineAsync() =>
        (await http.GetFromJsonAsync<JsonObject>($"/api/webchat/channels/{channel}/timeline", Json))!;

    private static async Task<WebReply> ReadReplyAsync(HttpResponseMessage response)
    {
        var node = (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
        var messages = node["messages"]!.AsArray();
        var bot = messages.LastOrDefault(m => m!["fromBot"]!.GetValue<bool>());
        return new WebReply(messages, bot?["text"]?.GetValue<string>(), bot?["isError"]?.GetValue<bool>() ?? false, bot?["isPrivate"]?.GetValue<bool>() ?? false, bot?["card"] as JsonObject);
    }
}

public sealed record WebReply(JsonArray Messages, string? Text, bool IsError, bool IsPrivate, JsonObject? Card)
{
    /// <summary>All the text a person would read on the card (TextRuns, facts), joined by newlines.</summary>
    public string CardText => Card is null ? string.Empty : string.Join('\n', Texts(Card));

    /// <summary>Reads FactSet text as a markdown renderer shows it: backslash escapes and &amp;lt; undone.</summary>
    private static string Unescape(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\\([\\`*_\[\]()#+\-.!~>|])", "$1").Replace("&lt;", "<", StringComparison.Ordinal).Replace("\u200B", string.Empty, StringComparison.Ordinal);

    private static IEnumerable<string> Texts(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "TextRun" && o["text"] is { } run)
                {
                    yield return run.GetValue<string>();
                }

                if (o["title"] is JsonValue title && o["value"] is JsonValue value && o["type"] is null)
                {
                    yield return $"{Unescape(title.GetValue<string>())}: {Unescape(value.GetValue<string>())}";
                }

                foreach (var (_, child) in o)
                {
                    if (child is JsonObject or JsonArray)
                    {
                        foreach (var t in Texts(child))
                        {
                            yield return t;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        foreach (var t in Texts(child))
                        {
                            yield return t;
                        }
                    }
                }

                break;
        }
    }
}
