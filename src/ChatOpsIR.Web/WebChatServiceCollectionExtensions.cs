using ChatOpsIR.Core.Commands;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.Incidents;
using ChatOpsIR.Core.Ports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Web;

public static class WebChatServiceCollectionExtensions
{
    public static IServiceCollection AddChatOpsWebChat(this IServiceCollection services)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.SectionName);
        services.AddScoped<IMentionResolver, WebMentionResolver>();
        services.AddScoped<IDirectMessenger, WebDirectMessenger>();
        services.AddScoped<WebChannelAccess>();
        services.AddScoped<IChannelMessenger, WebChannelMessenger>();
        services.AddSingleton<WebPersonTimeZones>();
        services.AddTransient<IStartupFilter, WebProblems.StartupFilter>();
        services.AddSingleton<IPersonTimeZones>(sp => sp.GetRequiredService<WebPersonTimeZones>());
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName)
            .Validate(o => o.PublicBaseUrl is null || (Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"), "Reports:PublicBaseUrl must be an absolute http(s) address, e.g. https://chatopsir.example.com.")
            .Validate(o => o.LinkLifetimeDays is > 0 and <= 3650, "Reports:LinkLifetimeDays must be between 1 and 3650.")
            .ValidateOnStart();
        services.AddSingleton<ReportLinks>();
        services.AddSingleton<IReportLinks>(sp => sp.GetRequiredService<ReportLinks>());
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.SectionName)
            .Validate(o => o.LinkLifetimeHours is > 0 and <= 720, "Exports:LinkLifetimeHours must be between 1 and 720 (30 days).")
            .ValidateOnStart();
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<IExportLinks>(sp => sp.GetRequiredService<ExportLinks>());
        return services;
    }
}
