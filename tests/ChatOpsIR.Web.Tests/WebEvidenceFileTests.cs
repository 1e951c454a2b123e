using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Data;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// A file uploaded in the web war room (multipart/form-data to /api/webchat/channels/{channel}/evidence) is hashed as it
/// streams in and recorded as evidence; over the evidence limit it is refused with 413 and leaves nothing behind.
/// </summary>
public sealed class WebEvidenceFileTests : IDisposable
{
    private const string Channel = "war-room";
    private const string Upload = $"/api/webchat/channels/{Channel}/evidence";
    private readonly string _storage = Path.Combine(Path.GetTempPath(), $"chatopsir-evidence-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static MultipartFormDataContent Form(string user, string fileName, byte[] content, string contentType = "text/plain")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent
        {
            { new StringContent(user), "user" },
            { new StringContent("UTC"), "timeZone" },
            { new StringContent(Guid.NewGuid().ToString("N")), "clientMessageId" },
            { file, "file", fileName },
        };
    }

    private static async Task<List<Evidence>> EvidenceAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>().Evidence.AsNoTracking().Where(e => e.Scope == TenantScope.Web).ToListAsync();
    }

    [Fact]
    public async Task An_uploaded_file_is_hashed_recorded_as_evidence_and_its_copy_kept_with_the_same_bytes()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        app.Settings["Evidence:StoragePath"] = _storage;
        var http = app.CreateClient();
        await new WebChatClient(http, Channel, "Alice").SendAsync("declare Phishing wave sev3");
        var content = Bytes(700_000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));

        var response = await http.PostAsync(Upload, Form("Bob", "auth <b>log</b>.txt", content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = (await response.Content.ReadFromJsonAsync<JsonObject>())!["messages"]!.AsArray();
        Assert.Equal("add as evidence: auth <b>log</b>.txt", messages[0]!["text"]!.GetValue<string>());
        Assert.Contains($"SHA-256 {sha256}", messages[1]!["text"]!.GetValue<string>());
        Assert.False(messages[1]!["isPrivate"]!.GetValue<bool>());
        Assert.Contains(sha256, messages[1]!["card"]!.ToJsonString());

        var item = Assert.Single(await EvidenceAsync(app.Services));
        Assert.Equal(sha256, item.Sha256);
        Assert.Equal("File auth <b>log</b>.txt (683.6 KB, text/plain) shared by Bob", item.Description);
        Assert.Equal("Bob", item.CollectedByName);

        var copy = Path.Combine(_storage, "web", "INC-0001", sha256);
        Assert.Equal(copy, item.Link);
        Assert.Equal(content, await File.ReadAllBytesAsync(copy));
        Assert.Single(Directory.GetFiles(Path.Combine(_storage, "web", "INC-0001")));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413_and_leaves_neither_an_item_nor_a_copy()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        app.Settings["Evidence:MaxFileBytes"] = "100000";
        app.Settings["Evidence:StoragePath"] = _storage;
        var http = app.CreateClient();
        await new WebChatClient(http, Channel, "Alice").SendAsync("declare Phishing wave sev3");

        // Declared too large: refused before the body is read.
        var declared = await http.PostAsync(Upload, Form("Alice", "memory.dmp", Bytes(300_000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        // Sent without a length: the reading stops at the limit.
        var streamed = new HttpRequestMessage(HttpMethod.Post, Upload) { Content = Form("Alice", "memory.dmp", Bytes(150_000)) };
        streamed.Headers.TransferEncodingChunked = true;
        var counted = await http.SendAsync(streamed);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, counted.StatusCode);
        var problem = (await counted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("The file is larger than the evidence limit of 97.7 KB (Evidence:MaxFileBytes); record it with `evidence <description> <sha256> <location>` instead.", problem["detail"]!.GetValue<string>());

        Assert.Empty(await EvidenceAsync(app.Services));
        Assert.Empty(Directory.EnumerateFiles(_storage, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_upload_without_a_file_or_outside_an_incident_records_nothing()
    {
        using var database = TestDatabase.Sqlite();
        await using var app = new ChatOpsAppFactory(database);
        var http = app.CreateClient();

        var noIncident = await http.PostAsync(Upload, Form("Alice", "a.txt", Bytes(10)));
        var answer = (await noIncident.Content.ReadFromJsonAsync<JsonObject>())!["messages"]!.AsArray();
        Assert.True(answer[1]!["isError"]!.GetValue<bool>());
        Assert.Contains("There is no open incident in this channel", answer[1]!["text"]!.GetValue<string>());

        await new WebChatClient(http, Channel, "Alice").SendAsync("declare Phishing wave sev3");
        var fieldsOnly = new MultipartFormDataContent { { new StringContent("Alice"), "user" } };
        var noFile = await http.PostAsync(Upload, fieldsOnly);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("holds no file", await noFile.Content.ReadAsStringAsync());

        var json = await http.PostAsJsonAsync(Upload, new { user = "Alice" });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Empty(await EvidenceAsync(app.Services));
    }

    [Fact]
    public async Task With_sign_in_an_upload_without_the_antiforgery_token_is_refused_and_one_with_it_is_recorded()
    {
        await using var host = await SignInHost.StartAsync();
        using var alice = host.NewClient();
        await alice.SignInAsync("alice");
        await alice.ReadSessionAsync();
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(Channel, "declare Phishing wave sev3")).StatusCode);
        var content = Bytes(2_000);

        var forged = await alice.Http.PostAsync(Upload, Form("Mallory", "mail.eml", content));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await EvidenceAsync(host.App.Services));

        var request = new HttpRequestMessage(HttpMethod.Post, Upload) { Content = Form("Mallory", "mail.eml", content) };
        request.Headers.Add("X-ChatOpsIR-Antiforgery", alice.AntiforgeryToken);
        var accepted = await alice.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var item = Assert.Single(await EvidenceAsync(host.App.Services));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), item.Sha256);
        Assert.Equal("Alice", item.CollectedByName);
    }
}
