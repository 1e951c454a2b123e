using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// The Teams app package: the manifest the packaging script writes is validated against Microsoft's official app
/// manifest schema (v1.22, vendored from the npm package @microsoft/app-manifest under manifests/teams/schema/); these
/// tests also check the limits PROTOCOLS 2.9 lists that the schema leaves out, the icons' real sizes from their PNG data,
/// and the script itself.
/// </summary>
public class TeamsManifestTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Folder = Path.Combine(Root, "manifests", "teams");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatOpsIR.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ChatOpsIR.sln not found");
    }

    public const string ManifestVersion = "1.22";
    private static readonly string SchemaPath = Path.Combine(Folder, "schema", $"v{ManifestVersion}", "MicrosoftTeams.schema.json");

    private static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject();

    private static string S(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public void Manifest_uses_schema_1_22_and_keeps_the_documented_limits()
    {
        var manifest = Manifest();
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.schema.json", S(manifest["$schema"]));
        Assert.Equal(ManifestVersion, S(manifest["manifestVersion"]));
        Assert.Matches(@"^\d+\.\d+\.\d+$", S(manifest["version"]));
        Assert.InRange(S(manifest["name"]!["short"]).Length, 1, 30);
        Assert.InRange(S(manifest["name"]!["full"]).Length, 1, 100);
        Assert.InRange(S(manifest["description"]!["short"]).Length, 1, 80);
        Assert.InRange(S(manifest["description"]!["full"]).Length, 1, 4000);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", S(manifest["accentColor"]));
        foreach (var key in new[] { "name", "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.False(string.IsNullOrWhiteSpace(S(manifest["developer"]![key])), key);
        }

        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.StartsWith("https://", S(manifest["developer"]![url]));
        }

        Assert.Equal("color.png", S(manifest["icons"]!["color"]));
        Assert.Equal("outline.png", S(manifest["icons"]!["outline"]));
    }

    [Fact]
    public void The_bot_lists_at_most_ten_commands_of_the_grammar()
    {
        var bot = Manifest()["bots"]!.AsArray().Single()!;
        Assert.Equal("${{BOT_ID}}", S(bot["botId"]));

        // A private incident's war room is a private channel: the bot has to be there too.
        Assert.Equal(["privateChannels"], Manifest()["supportedChannelTypes"]!.AsArray().Select(S));
        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(S).Order(StringComparer.Ordinal));
        var commands = bot["commandLists"]!.AsArray().Single()!["commands"]!.AsArray();
        Assert.InRange(commands.Count, 1, 10);
        Assert.Equal(
            ["declare", "note", "status", "sev", "role", "mark", "resolve", "timeline", "actions", "help"],
            commands.Select(c => S(c!["title"])));
        Assert.All(commands, c =>
        {
            Assert.InRange(S(c!["title"]).Length, 1, 32);
            Assert.InRange(S(c["description"]).Length, 1, 128);
        });
    }

    [Fact]
    public void The_Add_to_timeline_and_Add_as_evidence_message_actions_are_declared_with_a_fetch()
    {
        var manifest = Manifest();
        var commands = manifest["composeExtensions"]!.AsArray().Single()!["commands"]!.AsArray();
        Assert.Equal([Activities.TimelineAddAction.CommandId, Activities.TeamsEvidenceAction.CommandId], commands.Select(c => S(c!["id"])));
        foreach (var command in commands)
        {
            Assert.Equal("action", S(command!["type"]));
            Assert.Equal(["message"], command["context"]!.AsArray().Select(S));
            Assert.True(command["fetchTask"]!.GetValue<bool>());
            Assert.InRange(S(command["title"]).Length, 1, 32);
        }

        // Receiving every channel message needs resource-specific consent, which needs webApplicationInfo.
        Assert.Contains(manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray(), p => S(p!["name"]) == "ChannelMessage.Read.Group");
        Assert.Equal("${{BOT_ID}}", S(manifest["webApplicationInfo"]!["id"]));
        Assert.Equal(["${{BOT_DOMAIN}}"], manifest["validDomains"]!.AsArray().Select(S));
    }

    [Theory]
    [InlineData("color.png", 192, false)]
    [InlineData("outline.png", 32, true)]
    public void Icons_have_the_sizes_Teams_requires(string file, int size, bool whiteOnTransparent)
    {
        var (width, height, pixels) = ReadRgba(File.ReadAllBytes(Path.Combine(Folder, file)));
        Assert.Equal((size, size), (width, height));
        if (whiteOnTransparent)
        {
            Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"pixel {p} is neither white nor transparent"));
            Assert.Contains(pixels, p => p.A == 0);
            Assert.Contains(pixels, p => p.A == 255);
        }
        else
        {
            Assert.All(pixels, p => Assert.Equal(255, p.A));
        }
    }

    [Fact]
    public void The_package_script_fills_in_the_ids_and_zips_three_files_at_the_root()
    {
        var (entries, text) = Package("11111111-2222-3333-4444-555555555555", "ir.example.org");
        Assert.Equal(["color.png", "manifest.json", "outline.png"], entries.Order());
        Assert.DoesNotContain("{{", text);
        var manifest = JsonNode.Parse(text)!;
        Assert.Equal("11111111-2222-3333-4444-555555555555", S(manifest["id"]));
        Assert.Equal("11111111-2222-3333-4444-555555555555", S(manifest["bots"]![0]!["botId"]));
        Assert.Equal("api://ir.example.org/11111111-2222-3333-4444-555555555555", S(manifest["webApplicationInfo"]!["resource"]));
        Assert.Equal("https://ir.example.org/privacy", S(manifest["developer"]!["privacyUrl"]));
    }

    [Fact]
    public async Task The_packaged_manifest_is_valid_against_the_official_schema()
    {
        var schema = await Schema();
        var (_, text) = Package("11111111-2222-3333-4444-555555555555", "ir.example.org");
        Assert.Empty(Problems(schema, text));

        // The schema pins manifestVersion with "const", a keyword newer than its draft-04 dialect; check it here.
        Assert.Equal(ManifestVersion, S(JsonNode.Parse(await File.ReadAllTextAsync(SchemaPath))!["properties"]!["manifestVersion"]!["const"]));
        Assert.Equal(ManifestVersion, S(JsonNode.Parse(text)!["manifestVersion"]));
    }

    /// <summary>
    /// The template as it is checked in, placeholders and all: its placeholders are Teams Toolkit's, and the official
    /// schema finds nothing wrong with it except where it demands a GUID (the app id, the bot ids), which no placeholder
    /// can be: Teams Toolkit, too, validates a manifest after filling those in.
    /// </summary>
    [Fact]
    public async Task The_template_uses_Teams_Toolkit_placeholders_and_validates_except_where_a_GUID_is_required()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Folder, "manifest.json"));
        var placeholders = System.Text.RegularExpressions.Regex.Matches(text, @"\$?\{\{[^}]*\}\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["${{BOT_DOMAIN}}", "${{BOT_ID}}", "${{TEAMS_APP_ID}}"], placeholders);

        // An item whose property fails is reported twice: the property, and the item it is in.
        var problems = Problems(await Schema(), text).Where(p => !p.EndsWith(": ArrayItemNotValid", StringComparison.Ordinal));
        Assert.Equal(["bots.0.botId: PatternMismatch", "composeExtensions.0.botId: PatternMismatch", "id: PatternMismatch", "webApplicationInfo.id: PatternMismatch"], problems.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string> Breakages => new()
    {
        { "the bot has no id", "bots.0.botId" },
        { "the short name is too long for Teams", "name.short" },
        { "an unknown top-level key", "madeUpKey" },
        { "the app id is not a GUID", "id" },
        { "the message action has an unknown context", "composeExtensions.0.commands.0.context" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task A_broken_manifest_fails_the_official_schema(string breakage, string path)
    {
        var (_, text) = Package("11111111-2222-3333-4444-555555555555", "ir.example.org");
        var manifest = JsonNode.Parse(text)!.AsObject();
        switch (breakage)
        {
            case "the bot has no id":
                manifest["bots"]![0]!.AsObject().Remove("botId");
                break;
            case "the short name is too long for Teams":
                manifest["name"]!["short"] = new string('x', 31);
                break;
            case "an unknown top-level key":
                manifest["madeUpKey"] = true;
                break;
            case "the app id is not a GUID":
                manifest["id"] = "not-a-guid";
                break;
            default:
                manifest["composeExtensions"]![0]!["commands"]![0]!["context"] = new JsonArray("everywhere");
                break;
        }

        var problems = Problems(await Schema(), manifest.ToJsonString());
        Assert.NotEmpty(problems);
        Assert.True(problems.Any(p => p.StartsWith(path + ":", StringComparison.Ordinal) || p.StartsWith(path + ".", StringComparison.Ordinal)), string.Join("\n", problems));
    }

    private static Task<NJsonSchema.JsonSchema> Schema() => NJsonSchema.JsonSchema.FromFileAsync(SchemaPath);

    /// <summary>What the schema finds wrong, as "path: kind" lines (the path as dots and indexes, e.g. bots.0.botId).</summary>
    private static List<string> Problems(NJsonSchema.JsonSchema schema, string json) =>
        Flatten(schema.Validate(json)).Select(e => $"{Dotted(e.Path)}: {e.Kind}").ToList();

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child ? [e, .. Flatten(child.Errors.SelectMany(c => c.Value))] : new[] { e });

    private static string Dotted(string? path) =>
        (path ?? string.Empty).Replace("#/", string.Empty, StringComparison.Ordinal).Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Replace("/", ".", StringComparison.Ordinal).TrimStart('.');

    /// <summary>Runs scripts/teams-package.sh and returns the zip's entry names and its manifest.json.</summary>
    private static (List<string> Entries, string Manifest) Package(string appId, string host)
    {
        var zipPath = Path.Combine(Path.GetTempPath(), $"chatopsir-teams-{Guid.NewGuid():N}.zip");
        try
        {
            var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Root };
            foreach (var arg in new[] { Path.Combine(Root, "scripts", "teams-package.sh"), "--app-id", appId, "--host", host, "--out", zipPath })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);

            using var zip = ZipFile.OpenRead(zipPath);
            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            return (zip.Entries.Select(e => e.FullName).ToList(), reader.ReadToEnd());
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    private readonly record struct Rgba(byte R, byte G, byte B, byte A);

    /// <summary>Decodes an 8-bit RGBA or RGB, non-interlaced PNG (enough to check our own icons).</summary>
    private static (int Width, int Height, List<Rgba> Pixels) ReadRgba(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 6 => 4, 2 => 3, _ => throw new NotSupportedException($"PNG colour type {data[9]}") };
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var pixels = new List<Rgba>(width * height);
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? line[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var p = x * channels;
                pixels.Add(new Rgba(line[p], line[p + 1], line[p + 2], channels == 4 ? line[p + 3] : (byte)255));
            }

            previous = line;
        }

        return (width, height, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
