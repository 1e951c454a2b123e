using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ChatOpsIR.Teams.Tests;

/// <summary>
/// The Teams app package. The official JSON schema (v1.19) is not vendored (no network here), so these tests check the
/// structure and limits PROTOCOLS 2.9 lists, the icons' real sizes from their PNG data, and the packaging script.
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

    private static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject();

    private static string S(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public void Manifest_uses_schema_1_19_and_keeps_the_documented_limits()
    {
        var manifest = Manifest();
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", S(manifest["$schema"]));
        Assert.Equal("1.19", S(manifest["manifestVersion"]));
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
        Assert.Equal("{{MICROSOFT_APP_ID}}", S(bot["botId"]));
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
    public void The_Add_to_timeline_message_action_is_declared_with_a_dialog()
    {
        var manifest = Manifest();
        var command = manifest["composeExtensions"]!.AsArray().Single()!["commands"]!.AsArray().Single()!;
        Assert.Equal(TeamsActivityHandler.TimelineAddCommand, S(command["id"]));
        Assert.Equal("action", S(command["type"]));
        Assert.Equal(["message"], command["context"]!.AsArray().Select(S));
        Assert.True(command["fetchTask"]!.GetValue<bool>());
        Assert.InRange(S(command["title"]).Length, 1, 32);

        // Receiving every channel message needs resource-specific consent, which needs webApplicationInfo.
        Assert.Contains(manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray(), p => S(p!["name"]) == "ChannelMessage.Read.Group");
        Assert.Equal("{{MICROSOFT_APP_ID}}", S(manifest["webApplicationInfo"]!["id"]));
        Assert.Equal(["{{HOST}}"], manifest["validDomains"]!.AsArray().Select(S));
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
        var zipPath = Path.Combine(Path.GetTempPath(), $"chatopsir-teams-{Guid.NewGuid():N}.zip");
        try
        {
            var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Root };
            foreach (var arg in new[] { Path.Combine(Root, "scripts", "teams-package.sh"), "--app-id", "11111111-2222-3333-4444-555555555555", "--host", "ir.example.org", "--out", zipPath })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);

            using var zip = ZipFile.OpenRead(zipPath);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            var text = reader.ReadToEnd();
            Assert.DoesNotContain("{{", text);
            var manifest = JsonNode.Parse(text)!;
            Assert.Equal("11111111-2222-3333-4444-555555555555", S(manifest["id"]));
            Assert.Equal("11111111-2222-3333-4444-555555555555", S(manifest["bots"]![0]!["botId"]));
            Assert.Equal("api://ir.example.org/11111111-2222-3333-4444-555555555555", S(manifest["webApplicationInfo"]!["resource"]));
            Assert.Equal("https://ir.example.org/privacy", S(manifest["developer"]!["privacyUrl"]));
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
