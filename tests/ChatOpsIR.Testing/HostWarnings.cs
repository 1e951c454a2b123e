using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatOpsIR.Testing;

/// <summary>
/// The last warnings and errors logged by any test host in this process, so a test that times out waiting for background
/// work can say what the host reported meanwhile (a failed job, a refused connection) instead of only "nothing came".
/// Hosts of tests running in parallel share it: read it as a clue, never assert on it.
/// </summary>
public sealed class HostWarnings : ILoggerProvider
{
    private const int Keep = 30;
    private static readonly ConcurrentQueue<string> Recent = new();

    /// <summary>With CHATOPSIR_TEST_LOG set to a file, every host's log at Information and above also goes there (for chasing a flaky test).</summary>
    private static readonly string? FullLog = Environment.GetEnvironmentVariable("CHATOPSIR_TEST_LOG");
    private static readonly Lock FullLogLock = new();

    /// <summary>The recent lines, oldest first, or a note that there were none.</summary>
    public static string Describe() =>
        Recent.IsEmpty ? "(no warnings or errors logged by test hosts)" : "Recent host warnings:" + Environment.NewLine + string.Join(Environment.NewLine, Recent);

    public ILogger CreateLogger(string categoryName) => new Sink(categoryName, this);

    /// <summary>Names the host in the full log (its database), so the lines of parallel hosts can be told apart.</summary>
    public string Host { get; init; } = string.Empty;

    public void Dispose()
    {
    }

    /// <summary>Warnings every test host logs at start (no key encryption in tests, the in-process server's body limit): they would crowd out the clues.</summary>
    private static bool IsNoise(string category, LogLevel level) =>
        level == LogLevel.Warning && category is "ChatOpsIR.Host.KeyRing"
            or "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"
            or "Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware";

    private sealed class Sink(string category, HostWarnings owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= (FullLog is null ? LogLevel.Warning : LogLevel.Debug);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var error = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
            if (FullLog is { } file)
            {
                lock (FullLogLock)
                {
                    File.AppendAllText(file, $"{DateTime.UtcNow:HH:mm:ss.fff} {owner.Host} {logLevel} {category}: {formatter(state, exception)}{error}{Environment.NewLine}");
                }
            }

            if (logLevel < LogLevel.Warning || IsNoise(category, logLevel))
            {
                return;
            }

            Recent.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{error}");
            while (Recent.Count > Keep && Recent.TryDequeue(out _))
            {
            }
        }
    }
}
