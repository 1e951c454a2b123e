using ChatOpsIR.Core.Incidents;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Load figures for the quality bars of DESIGN.md, measured against the real host on a loopback Kestrel socket:
//   1. slash commands: signature check + parse + durable timeline write + answer (throughput, p50/p99 latency);
//   2. chat capture: signed message events into the timeline, with retried duplicates mixed in (events/s, and a
//      count check that nothing was lost or doubled);
//   3. the post-mortem report of an incident with 10,000 timeline entries: rendering alone (Markdown and HTML), and
//      the whole page through the host (database read, render, answer);
//   4. peak working set of the process;
//   5. for comparison, a bare Kestrel endpoint in the same process (same load generator), and both at a fixed 200 req/s
//      (latency measured from the moment each request was due, so a stall is not hidden by the generator waiting).
// Each load line is followed by the CPU time the whole process spent per request and the database commands per request.
// Usage: scripts/bench.sh [--provider Sqlite|Postgres] [--seconds 10] [--concurrency 16] [--only load|report|rate]
//        [--sqlite-pooling true|false] (SQLite connection pooling; on by default, as in the host's default connection string)
var provider = Arg("--provider", "Sqlite");
var only = Arg("--only", "all");
var seconds = int.Parse(Arg("--seconds", "10"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(Arg("--concurrency", "16"), CultureInfo.InvariantCulture);
var sqlitePooling = bool.Parse(Arg("--sqlite-pooling", "true"));
const string Secret = "bench-signing-secret";

// WebApplicationFactory finds the host's folder through test-project build targets; an executable names it instead.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CHATOPSIR_HOST", RepoPaths.File("src", "ChatOpsIR.Host"));
using var database = provider == "Sqlite" ? TestDatabase.Sqlite(sqlitePooling) : TestDatabase.Create(provider);
using var commandCounter = new DatabaseCommandCounter();
await using var slack = await FakeSlackApi.StartAsync();
await using var app = new ChatOpsAppFactory(database, DateTimeOffset.UtcNow);
app.Settings["urls"] = "http://127.0.0.1:0";
app.Settings["Slack:Enabled"] = "true";
app.Settings["Slack:SigningSecret"] = Secret;
app.Settings["Slack:BotToken"] = "xoxb-bench";
app.Settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
app.Settings["Logging:LogLevel:Default"] = "Warning";
app.Settings["Reports:PublicBaseUrl"] = "http://127.0.0.1";
app.UseKestrel(0);
app.StartServer();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(address) };
var signer = new SlackSigner(Secret, app.Clock);

Console.WriteLine($"ChatOpsIR bench · {provider}{(provider == "Sqlite" ? $" (pooling {(sqlitePooling ? "on" : "off")})" : string.Empty)} · {concurrency} concurrent clients · {seconds} s per scenario · {Environment.ProcessorCount} cores · {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
if (only is "all" or "load")
{
    await LoadScenariosAsync();
}

if (only is "all" or "load" or "rate")
{
    await BaselineScenariosAsync();
}

if (only is "all" or "report")
{
    await ReportScenarioAsync();
}

using var self = Process.GetCurrentProcess();
self.Refresh();
Console.WriteLine($"peak working set (host, fakes and load generator in one process): {self.PeakWorkingSet64 / (1024 * 1024)} MB");
return;

async Task LoadScenariosAsync()
{
    await SendCommandAsync("declare Bench incident sev2");
    await SendCommandAsync("capture on");

    // Warm-up, then the measured run.
    await RunAsync(TimeSpan.FromSeconds(2), i => SendCommandAsync($"note warm-up {i}"));
    var commands = await RunAsync(TimeSpan.FromSeconds(seconds), i => SendCommandAsync($"note bench entry {i} at 09:05"));
    Report("slash command (verify + parse + write + answer)", commands);

    var sent = 0;
    var retries = 0;
    var capture = await RunAsync(TimeSpan.FromSeconds(seconds), async i =>
    {
        var ts = $"1800000000.{i:000000}";
        Interlocked.Increment(ref sent);
        await SendEventAsync(i, ts, retry: false);
        if (i % 10 == 0)
        {
            Interlocked.Increment(ref retries);
            await SendEventAsync(i, ts, retry: true); // a retried delivery of the same message
        }
    });
    Report("chat capture event (verify + parse + write)", capture);

    await using (var scope = app.Services.CreateAsyncScope())
    {
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindOpenIncidentAsync(TenantScope.Slack("T0001"), "C0001", CancellationToken.None))!;
        var timeline = await store.GetTimelineAsync(TenantScope.Slack("T0001"), incident.Id, CancellationToken.None);
        var captured = timeline.Count(e => e.Kind == ChatOpsIR.Core.Incidents.TimelineEntryKind.ChatMessage);
        Console.WriteLine($"  captured {captured} of {sent} distinct messages ({retries} retried deliveries mixed in): {(captured == sent ? "nothing lost, nothing doubled" : "MISMATCH")}");
        var watch = Stopwatch.StartNew();
        var again = await store.GetTimelineAsync(TenantScope.Slack("T0001"), incident.Id, CancellationToken.None);
        Console.WriteLine($"  reading the whole timeline ({again.Count} entries): {watch.Elapsed.TotalMilliseconds:F0} ms");
    }
}

async Task ReportScenarioAsync()
{
    const int Entries = 10_000;

    // Rendering alone, on a finished post-mortem held in memory.
    var document = ChatOpsIR.Testing.SamplePostMortem.Build(Entries);
    foreach (var (format, render) in new (string, Func<string>)[] { ("Markdown", () => ChatOpsIR.Core.PostMortems.PostMortemReport.Markdown(document)), ("HTML", () => ChatOpsIR.Core.PostMortems.PostMortemReport.Html(document)) })
    {
        var times = Measure(render, out var size);
        Console.WriteLine($"report render, {document.Timeline.Count} timeline entries, {format}: p50 {times[times.Count / 2]:F1} ms, max {times[^1]:F1} ms over {times.Count} runs ({size / 1024} KiB)");
    }

    // The whole page through the host: read the incident, its timeline and post-mortem from the database, render, answer.
    await SendCommandAsync("declare Report bench sev2", "C0002");
    Guid incidentId;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var store = scope.ServiceProvider.GetRequiredService<IIncidentStore>();
        var incident = (await store.FindOpenIncidentAsync(TenantScope.Slack("T0001"), "C0002", CancellationToken.None))!;
        incidentId = incident.Id;
        var author = new ChatOpsIR.Core.Incidents.ChatUser("U0002", "bob");
        for (var i = 0; i < Entries; i++)
        {
            var at = incident.DeclaredAt.AddSeconds(i * 3);
            store.Add(incident.AddNote(author, $"Report bench entry {i}: checked host {i % 50}", ChatOpsIR.Core.Incidents.Platform.Slack, at, at));
        }

        await store.SaveChangesAsync(CancellationToken.None);
    }

    await SendCommandAsync("postmortem", "C0002");
    string url;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var incident = (await scope.ServiceProvider.GetRequiredService<IIncidentStore>().FindIncidentByIdAsync(TenantScope.Slack("T0001"), incidentId, CancellationToken.None))!;
        url = new Uri(app.Services.GetRequiredService<ChatOpsIR.Web.ReportLinks>().ReportUrl(incident)!).PathAndQuery;
    }

    var pages = new List<double>();
    long bytes = 0;
    for (var i = 0; i < 25; i++)
    {
        var started = Stopwatch.GetTimestamp();
        var html = await http.GetStringAsync(url);
        pages.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        bytes = html.Length;
    }

    pages = pages.Skip(5).Order().ToList();
    Console.WriteLine($"report page through the host ({Entries + 1} timeline entries in {provider}, read + render + answer): p50 {pages[pages.Count / 2]:F1} ms, max {pages[^1]:F1} ms over {pages.Count} requests ({bytes / 1024} KiB)");

    // Post-mortem answers submitted from Slack modals: verify, parse, validate, durable write of the answer, then the
    // empty 200 that closes the modal (the next card is posted in the background). Four people answer at once.
    var number = 0;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        number = (await scope.ServiceProvider.GetRequiredService<IIncidentStore>().FindIncidentByIdAsync(TenantScope.Slack("T0001"), incidentId, CancellationToken.None))!.Number;
    }

    var refused = 0;
    var answers = await RunAsync(TimeSpan.FromSeconds(seconds), async i =>
    {
        var values = new JsonObject
        {
            ["pm.training.what"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = $"Answer {i}: spotting invoice fraud" } },
            ["pm.training.who"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Finance" } },
        };
        var metadata = new JsonObject { ["channel"] = "C0002", ["data"] = new JsonObject { ["incident"] = number.ToString(CultureInfo.InvariantCulture), ["section"] = "training", ["next"] = "same" } };
        var payload = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["user"] = new JsonObject { ["id"] = $"U{i % 4:0000}", ["name"] = $"answerer{i % 4}" },
            ["view"] = new JsonObject { ["callback_id"] = "pm.answer", ["private_metadata"] = metadata.ToJsonString(), ["state"] = new JsonObject { ["values"] = values } },
        }.ToJsonString();
        var body = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload));
        using var response = await http.SendAsync(signer.Request("/api/slack/interactions", body, "application/x-www-form-urlencoded"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"view_submission answered {(int)response.StatusCode}");
        }

        if (text.Length > 0)
        {
            Interlocked.Increment(ref refused); // the modal stayed open with an error (e.g. a conflict retried out)
        }
    }, workers: 4);
    Report("post-mortem answer from a Slack modal (verify + validate + write + close), 4 people at once", answers);
    Console.WriteLine($"  {answers.Count - refused} answers saved, {refused} refused");
}

static List<double> Measure(Func<string> render, out int size)
{
    size = 0;
    for (var i = 0; i < 5; i++)
    {
        size = render().Length;
    }

    var times = new List<double>();
    for (var i = 0; i < 30; i++)
    {
        var started = Stopwatch.GetTimestamp();
        render();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    times.Sort();
    return times;
}

async Task SendCommandAsync(string text, string channel = "C0001")
{
    var body = Encoding.UTF8.GetBytes($"team_id=T0001&channel_id={channel}&user_id=U0001&user_name=alice&command=%2Fir&text={Uri.EscapeDataString(text)}&response_url=https%3A%2F%2Fhooks.slack.com%2Fx&trigger_id=1.1.x");
    using var response = await http.SendAsync(signer.Request("/api/slack/commands", body, "application/x-www-form-urlencoded"));
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"command answered {(int)response.StatusCode}");
    }
}

async Task SendEventAsync(int i, string ts, bool retry)
{
    var json = new JsonObject
    {
        ["type"] = "event_callback",
        ["team_id"] = "T0001",
        ["event_id"] = $"EvBench{i}",
        ["event"] = new JsonObject { ["type"] = "message", ["channel"] = "C0001", ["channel_type"] = "channel", ["user"] = "U0002", ["text"] = $"chatter {i}", ["ts"] = ts },
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T0001", ["user_id"] = "U0009", ["is_bot"] = true }),
    }.ToJsonString();
    using var request = signer.Request("/api/slack/events", Encoding.UTF8.GetBytes(json), "application/json");
    if (retry)
    {
        request.Headers.Add("X-Slack-Retry-Num", "1");
    }

    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"event answered {(int)response.StatusCode}");
    }
}

async Task<(int Count, TimeSpan Elapsed, List<double> LatenciesMs)> RunAsync(TimeSpan duration, Func<int, Task> work, int? workers = null)
{
    var clients = workers ?? concurrency;
    var latencies = new List<double>[clients];
    var next = -1;
    Cost.Start(commandCounter);
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
    {
        latencies[worker] = [];
        while (watch.Elapsed < duration)
        {
            var i = Interlocked.Increment(ref next);
            var started = Stopwatch.GetTimestamp();
            await work(i);
            latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }));
    var all = latencies.SelectMany(l => l).Order().ToList();
    return (all.Count, watch.Elapsed, all);
}

void Report(string name, (int Count, TimeSpan Elapsed, List<double> LatenciesMs) run)
{
    var cost = Cost.Stop(commandCounter, run.Count);
    double Percentile(double p) => run.LatenciesMs[Math.Min(run.LatenciesMs.Count - 1, (int)(p * run.LatenciesMs.Count))];
    Console.WriteLine($"{name}: {run.Count / run.Elapsed.TotalSeconds:F0} req/s over {run.Count} requests; latency p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {run.LatenciesMs[^1]:F1} ms");
    Console.WriteLine($"  cost: {cost}");
}

// The same load generator against a bare Kestrel endpoint in this process (what the quality bar compares with), then
// both at a fixed 200 req/s for the p99 bar.
async Task BaselineScenariosAsync()
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    await using var bare = builder.Build();
    bare.MapPost("/bare", () => Results.Text("ok"));
    await bare.StartAsync();
    var bareAddress = bare.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    using var bareHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(bareAddress) };
    async Task SendBareAsync()
    {
        using var content = new ByteArrayContent("team_id=T0001&text=note"u8.ToArray());
        using var response = await bareHttp.PostAsync("/bare", content);
        response.EnsureSuccessStatusCode();
    }

    await RunAsync(TimeSpan.FromSeconds(1), _ => SendBareAsync());
    Report("bare Kestrel endpoint (same process, same load generator)", await RunAsync(TimeSpan.FromSeconds(seconds), _ => SendBareAsync()));

    const int Rate = 200;
    var bareFixed = await FixedRateAsync(Rate, TimeSpan.FromSeconds(seconds), _ => SendBareAsync());
    Report($"bare Kestrel at a fixed {Rate} req/s", bareFixed);
    var commandFixed = await FixedRateAsync(Rate, TimeSpan.FromSeconds(seconds), i => SendCommandAsync($"note fixed-rate entry {i}"));
    Report($"slash command at a fixed {Rate} req/s", commandFixed);
    double P99(List<double> l) => l[Math.Min(l.Count - 1, (int)(0.99 * l.Count))];
    Console.WriteLine($"  p99 at {Rate} req/s: slash command {P99(commandFixed.LatenciesMs):F2} ms vs bare Kestrel {P99(bareFixed.LatenciesMs):F2} ms: {P99(commandFixed.LatenciesMs) - P99(bareFixed.LatenciesMs):+0.00;-0.00} ms");
}

// Open loop: request i is due at start + i/rate whatever happened to the others; latency counts from when it was due.
async Task<(int Count, TimeSpan Elapsed, List<double> LatenciesMs)> FixedRateAsync(int rate, TimeSpan duration, Func<int, Task> work)
{
    var total = (int)(rate * duration.TotalSeconds);
    var latencies = new double[total];
    var pending = new List<Task>(total);
    Cost.Start(commandCounter);
    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i < total; i++)
    {
        var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait);
        }

        var index = i;
        pending.Add(Task.Run(async () =>
        {
            await work(index);
            latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        }));
    }

    await Task.WhenAll(pending);
    return (total, Stopwatch.GetElapsedTime(start), latencies.Order().ToList());
}

string Arg(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

/// <summary>CPU time of the whole process and database commands, per request of a run.</summary>
internal static class Cost
{
    private static TimeSpan _cpu;
    private static long _commands;
    private static int _gen0;
    private static int _gen2;
    private static long _allocated;

    public static void Start(DatabaseCommandCounter counter)
    {
        using var self = Process.GetCurrentProcess();
        _cpu = self.TotalProcessorTime;
        _commands = counter.Count;
        _gen0 = GC.CollectionCount(0);
        _gen2 = GC.CollectionCount(2);
        _allocated = GC.GetTotalAllocatedBytes();
    }

    public static string Stop(DatabaseCommandCounter counter, int requests)
    {
        using var self = Process.GetCurrentProcess();
        var cpu = (self.TotalProcessorTime - _cpu).TotalMilliseconds;
        var commands = counter.Count - _commands;
        var allocated = GC.GetTotalAllocatedBytes() - _allocated;
        return FormattableString.Invariant(
            $"{cpu * 1000 / Math.Max(1, requests):F0} µs CPU/request (whole process, load generator included), {(double)commands / Math.Max(1, requests):F2} database commands/request, {allocated / 1024.0 / Math.Max(1, requests):F1} KiB allocated/request, GCs gen0 {GC.CollectionCount(0) - _gen0} gen2 {GC.CollectionCount(2) - _gen2}");
    }
}

/// <summary>
/// Counts database commands through the providers' own instruments: EF Core's command events, and the
/// ChatOpsIR.Data meter for statements the store runs itself.
/// </summary>
internal sealed class DatabaseCommandCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly IDisposable _subscription;
    private readonly MeterListener _meters = new();
    private readonly List<IDisposable> _listeners = [];
    private long _count;

    public DatabaseCommandCounter()
    {
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ChatOpsIR.Data" && instrument.Name == "chatopsir.db.commands")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _meters.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_listeners)
            {
                _listeners.Add(value.Subscribe(this, name => name == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted" || name == "Microsoft.EntityFrameworkCore.Database.Command.CommandError"));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value) => Interlocked.Increment(ref _count);

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _meters.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
