using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatOpsIR.Web.Tests;

/// <summary>
/// The real host on a real loopback socket (Kestrel, its own SQLite file, fake clock) and Debian's Chromium driven by
/// Playwright. One per test, so incident numbers start at INC-0001 in each.
/// Playwright never downloads a browser here: it launches /usr/bin/chromium (override with CHATOPSIR_CHROMIUM).
/// </summary>
public sealed class WarRoomBrowserFixture : IAsyncLifetime
{
    private const string ChromiumVariable = "CHATOPSIR_CHROMIUM";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private ChatOpsAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the page is served, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        _factory = new ChatOpsAppFactory(_database);
        // Program binds its default port unless told otherwise; Kestrel below takes a free loopback port instead.
        _factory.Settings["urls"] = "http://127.0.0.1:0";
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = ServerAddress(_factory);

        _playwright = await Playwright.CreateAsync();
        _browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's headless Chromium (or CHATOPSIR_CHROMIUM), never a downloaded one.</summary>
    internal static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });

    /// <summary>A fresh browser profile (empty localStorage) in Berlin time, so typed times like "at 09:05" are predictable.</summary>
    public async Task<IBrowserContext> NewContextAsync() =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = "Europe/Berlin",
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _database.Dispose();
    }

    internal static Uri ServerAddress(ChatOpsAppFactory factory)
    {
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }
}
