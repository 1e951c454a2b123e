using ChatOpsIR.Core.EvidenceFiles;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Slack.Ingress;
using ChatOpsIR.Slack.Ingress.Events;
using ChatOpsIR.Slack.Ingress.Interactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack;

public static partial class SlackServiceCollectionExtensions
{
    /// <summary>Binds and validates the Slack options (a host with Slack enabled but no secrets refuses to start) and registers the adapter.</summary>
    public static IServiceCollection AddChatOpsSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.AddHttpClient<SlackApiClient>(client => client.Timeout = TimeSpan.FromSeconds(15));

        // Files for "Add as evidence": the bot token goes only to the URL Slack gave, never on to a redirect.
        services.AddHttpClient<SlackEvidenceFiles>(client => client.Timeout = TimeSpan.FromMinutes(2))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddTransient<IEvidenceFileSource>(provider => provider.GetRequiredService<SlackEvidenceFiles>());

        // What a host keeps across requests: its response_url counts, the names and zones it looked up, the queue.
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackResponseUrls>();
        services.AddSingleton<SlackUserDirectory.Cache>();
        services.AddSingleton<SlackPersonTimeZones.Misses>();
        services.AddSingleton<Core.Access.RememberedAnswers<(string Team, string Group), IReadOnlySet<string>>>();
        services.AddSingleton<SlackBackgroundQueue>();
        services.AddHostedService<SlackBackgroundWorker>();

        // The Web API and the ports Core calls.
        services.AddScoped<SlackTokenProvider>();
        services.AddScoped<SlackUserDirectory>();
        services.AddScoped<SlackResponder>();
        services.AddScoped<IChannelHistory, SlackChannelHistory>();
        services.AddScoped<IWarRoomChannels, SlackWarRoom>();
        services.AddScoped<IChannelMembers, SlackChannelMembers>();
        services.AddScoped<IDeferredReply, SlackDeferredReply>();
        services.AddScoped<IMentionResolver, SlackMentionResolver>();
        services.AddScoped<IDirectMessenger, SlackDirectMessenger>();
        services.AddScoped<IChannelMessenger, SlackChannelMessenger>();
        services.AddScoped<IPersonTimeZones, SlackPersonTimeZones>();
        services.AddScoped<IIncidentManagerDirectory, SlackIncidentManagers>();

        // Ingress: one handler per request URL, and under them one per event type and per interaction payload type.
        services.AddScoped<SlackForms>();
        services.AddScoped<SlackTimeline>();
        services.AddScoped<SlackCommandHandler>();
        services.AddScoped<SlackEventsHandler>();
        services.AddScoped<ISlackEventHandler, SlackAppMention>();
        services.AddScoped<ISlackEventHandler, SlackChannelMessage>();
        services.AddScoped<ISlackEventHandler, SlackReactionAdded>();
        services.AddScoped<ISlackEventHandler, SlackAppHomeOpened>();
        services.AddScoped<ISlackEventHandler, SlackAppUninstalled>();
        services.AddScoped<SlackInteractionsHandler>();
        services.AddScoped<ISlackInteractionHandler, SlackBlockActions>();
        services.AddScoped<ISlackInteractionHandler, SlackViewSubmission>();
        services.AddScoped<ISlackInteractionHandler, SlackMessageShortcut>();
        services.AddScoped<SlackEvidenceShortcut>();

        // Work after Slack's answer.
        services.AddScoped<SlackAppHome>();
        services.AddScoped<SlackPins>();
        services.AddScoped<SlackBackgroundWorkRunner>();
        return services;
    }

    /// <summary>
    /// Runs <see cref="SlackBackgroundQueue"/> after requests have been answered: each item in a DI scope of its own, as a
    /// request has, by the constructor-injected <see cref="SlackBackgroundWorkRunner"/>. A failed item is logged and
    /// the next one runs.
    /// </summary>
    private sealed partial class SlackBackgroundWorker(SlackBackgroundQueue queue, IServiceScopeFactory scopes, ILogger<SlackBackgroundWorker> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await foreach (var work in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<SlackBackgroundWorkRunner>().RunAsync(work, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogFailed(logger, work.GetType().Name, ex);
                }
            }
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Slack background work ({Kind}) failed.")]
        private static partial void LogFailed(ILogger logger, string kind, Exception exception);
    }
}
