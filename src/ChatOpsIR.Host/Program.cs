using ChatOpsIR.Core;
using ChatOpsIR.Data;
using ChatOpsIR.Host;
using ChatOpsIR.Scheduling;
using ChatOpsIR.Slack;
using ChatOpsIR.Slack.Ingress;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using ChatOpsIR.Teams;
using ChatOpsIR.Web;
using ChatOpsIR.Web.SignIn;

if (AuditCommandLine.Handles(args))
{
    return await AuditCommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
    {
        builder.WebHost.UseUrls(ChatOpsStartup.Url);
    }

    builder.Services.AddProblemDetails();
    builder.Services.AddPostMortemSettings(builder.Configuration);
    builder.Services.AddPermissionSettings(builder.Configuration);
    builder.Services.AddEvidenceFileSettings(builder.Configuration);
    builder.Services.AddChatOpsCore();
    builder.Services.AddChatOpsData(builder.Configuration);

    // Hosted services start in order: the schema exists before Data Protection reads its key ring from it.
    builder.Services.AddHostedService<DatabaseMigrationService>();
    builder.Services.AddDataProtection().SetApplicationName("ChatOpsIR").PersistKeysToDbContext<ChatOpsDbContext>()
        .ProtectKeysFromConfiguration(builder.Configuration);
    builder.Services.AddChatOpsSlack();
    builder.Services.AddChatOpsTeams();
    builder.Services.AddChatOpsScheduling();
    builder.Services.AddChatOpsWebChat();
    builder.Services.AddChatOpsWebSignIn(builder.Configuration, builder.Environment);
    builder.Services.AddChatOpsApiDescription();
    builder.Services.AddHealthChecks().AddDbContextCheck<ChatOpsDbContext>("database");

    var app = builder.Build();
    app.ReportKeyRingProtection();
    app.UseExceptionHandler();
    app.MapHealthChecks("/healthz");
    app.MapChatOpsDashboard();
    if (app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled)
    {
        app.MapChatOpsSlack();
    }

    var webChat = app.IsWebChatEnabled();
    var signIn = app.RequireWebChatSignIn(webChat);
    app.MapChatOpsReports(webChat, signIn);
    app.MapChatOpsExports();
    app.MapChatOpsApiDescription();
    if (webChat)
    {
        app.MapChatOpsWebChat(signIn, app.Services.GetRequiredService<ChatOpsIR.Core.EvidenceFiles.EvidenceFileOptions>());
    }
    else
    {
        app.MapGet("/", () => Results.Text("ChatOpsIR is running. The web war room is off (WebChat:Enabled=false, or no sign-in configured outside Development: see WebChat:Authentication)."));
    }

    if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TeamsOptions>>().Value.Enabled)
    {
        app.MapChatOpsTeams();
    }

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ChatOpsStartup.Explain(ex) is { } reasons)
{
    foreach (var reason in reasons)
    {
        await Console.Error.WriteLineAsync($"ChatOpsIR cannot start: {reason}");
    }

    return 1;
}

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
