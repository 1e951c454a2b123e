using ChatOpsIR.Core.Ports;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Slack.Ingress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>Binds and validates the Slack options (a host with Slack enabled but no secrets refuses to start) and registers the adapter.</summary>
    public static IServiceCollection AddChatOpsSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackBackgroundQueue>();
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackResponseUrls>();
        services.AddScoped<IChannelHistory, SlackChannelHistory>();
        services.AddScoped<SlackReplySender>();
        services.AddScoped<IWarRoomChannels, SlackWarRoom>();
        services.AddScoped<IDeferredReply, SlackDeferredReply>();
        services.AddScoped<SlackTokenProvider>();
        services.AddScoped<IMentionResolver, SlackMentionResolver>();
        services.AddScoped<IDirectMessenger, SlackDirectMessenger>();
        services.AddScoped<IChannelMessenger, SlackChannelMessenger>();
        services.AddScoped<IPersonTimeZones, SlackPersonTimeZones>();
        services.AddSingleton<SlackPersonTimeZones.Misses>();
        services.AddHostedService<SlackBackgroundWorker>();
        services.AddHttpClient<SlackApiClient>(client => client.Timeout = TimeSpan.FromSeconds(15));
        return services;
    }
}
