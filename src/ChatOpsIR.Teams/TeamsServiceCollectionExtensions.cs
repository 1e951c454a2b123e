using ChatOpsIR.Core.Ports;
using ChatOpsIR.Teams.Activities;
using ChatOpsIR.Teams.Auth;
using ChatOpsIR.Teams.Connector;
using ChatOpsIR.Teams.Conversations;
using ChatOpsIR.Teams.Graph;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the Teams and Graph options (a host with Teams enabled but no secrets refuses to start), and
    /// registers the Bot Connector scheme, the Connector clients, the outbox, the activity handlers and Teams' side of
    /// Core's ports.
    /// </summary>
    public static IServiceCollection AddChatOpsTeams(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BotConnectorAuthentication.MetadataHttpClient);
        services.AddAuthentication().AddJwtBearer(BotConnectorAuthentication.Scheme, _ => { });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, BotConnectorJwtOptionsSetup>());

        services.AddHttpClient(BotTokenProvider.HttpClientName);
        services.TryAddSingleton<BotTokenProvider>();
        services.AddHttpClient<BotConnectorClient>();

        services.AddHttpClient(GraphTokenProvider.HttpClientName);
        services.TryAddSingleton<GraphTokenProvider>();
        services.TryAddSingleton<GraphAppAuthentication>();
        services.AddHttpClient<TeamsGraph>().ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
        {
            foreach (var handler in TeamsGraph.Handlers())
            {
                handlers.Add(handler);
            }
        });

        services.TryAddSingleton<ConversationReferenceCache>();
        services.TryAddScoped<IConversationReferenceStore, StoredConversationReferenceStore>();
        services.TryAddSingleton<TeamsOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamsOutbox>());
        services.TryAddSingleton<TeamsReplies>();
        services.TryAddScoped<TeamsTeamGroups>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IWarRoomChannels, TeamsWarRoom>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IChannelMembers, TeamsChannelMembers>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDeferredReply, TeamsDeferredReply>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Core.EvidenceFiles.IEvidenceFileSource, TeamsEvidenceFiles>());
        services.TryAddScoped<TeamsEvidenceAction>();
        services.TryAddSingleton<TeamsUserNames>();
        services.TryAddScoped<TeamsUserDirectory>();
        services.TryAddSingleton<Core.Access.RememberedAnswers<(string Tenant, string ObjectId), bool>>();
        services.AddScoped<IIncidentManagerDirectory, TeamsIncidentManagers>();
        services.TryAddScoped<TeamsAppInstallations>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IChannelHistory, TeamsChannelHistory>());
        services.AddScoped<IMentionResolver, TeamsMentionResolver>();
        services.AddScoped<IDirectMessenger, TeamsDirectMessenger>();
        services.AddScoped<IChannelMessenger, TeamsChannelMessenger>();

        // One handler per activity kind: messages, and each invoke by its name (TeamsInvokeNames).
        services.TryAddScoped<TeamsMessageHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ITeamsInvokeHandler, TeamsCardActionHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ITeamsInvokeHandler, TeamsFetchTaskHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ITeamsInvokeHandler, TeamsSubmitActionHandler>());
        services.TryAddScoped<TeamsActivityDispatcher>();
        return services;
    }
}
