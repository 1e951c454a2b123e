using ChatOpsIR.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIR.Teams.Graph;

/// <summary>
/// Reaches a person who has never talked to the bot through Microsoft Graph: installs the app in their personal scope
/// (once; an installation already there is used as it is) and finds the 1:1 chat between them and the bot, which the
/// Connector can then post into. Needs the application permissions <see cref="Permissions"/>.
/// </summary>
public sealed partial class TeamsAppInstallations(TeamsGraph graph, IOptions<TeamsOptions> options, ILogger<TeamsAppInstallations> logger)
{
    /// <summary>
    /// The Microsoft Graph application permissions this needs: installing the app for a person, reading that installation
    /// and its chat (TeamsAppInstallation.ReadWriteSelfForUser.All, which lets the app manage only itself), and finding the
    /// app in the tenant's catalog (AppCatalog.Read.All).
    /// </summary>
    public const string Permissions = "TeamsAppInstallation.ReadWriteSelfForUser.All and AppCatalog.Read.All";

    /// <summary>
    /// The conversation id of the 1:1 chat between the bot and the person with this Entra object id, installing the app for
    /// them first when it is not installed. Throws <see cref="DirectMessageUnavailableException"/> when Graph cannot do it
    /// (a permission is missing, the app is not in the catalog, Graph does not know the person); other failures are worth
    /// a retry.
    /// </summary>
    public async Task<string> OpenChatAsync(string tenantId, string userObjectId, CancellationToken cancellationToken)
    {
        if (options.Value.EffectiveManifestId is not { } manifestId)
        {
            throw new DirectMessageUnavailableException("Teams:ManifestId (or Teams:AppId) is not the GUID of the Teams app, so the app cannot be found in the tenant's catalog to install it for this person.");
        }

        try
        {
            var installation = await graph.FindUserInstallationAsync(tenantId, userObjectId, manifestId, cancellationToken);
            if (installation is null)
            {
                var catalogApp = await graph.FindCatalogAppAsync(tenantId, manifestId, cancellationToken)
                    ?? throw new DirectMessageUnavailableException($"ChatOpsIR (Teams app {manifestId}) is not in this tenant's Teams app catalog, so it cannot be installed for this person. Publish the app package to the organisation's catalog (Teams admin centre → Manage apps → Upload).");
                await graph.InstallForUserAsync(tenantId, userObjectId, catalogApp, cancellationToken);
                LogInstalled(logger, tenantId);

                // Graph lists the new installation at once as a rule; when it does not yet, a retry of the job finds it.
                installation = await graph.FindUserInstallationAsync(tenantId, userObjectId, manifestId, cancellationToken)
                    ?? throw new TeamsGraphException("Graph installed the app but does not list the installation yet.", null, "NotListedYet");
            }

            return await graph.FindInstallationChatAsync(tenantId, userObjectId, installation, cancellationToken)
                ?? throw new TeamsGraphException("Graph returned no chat for the app's installation.", null, "NoChat");
        }
        catch (TeamsGraphException ex) when (ex.IsPermissionMissing)
        {
            LogPermissionMissing(logger, ex.StatusCode, ex.Code, Permissions);
            throw new DirectMessageUnavailableException(PermissionMissingText);
        }
        catch (TeamsGraphException ex) when (ex.StatusCode == 404)
        {
            throw new DirectMessageUnavailableException("Microsoft Graph does not know this person in the tenant, so ChatOpsIR cannot be installed for them.");
        }
    }

    public const string PermissionMissingText =
        "ChatOpsIR is not installed for this person, and Microsoft Graph refused to install it for them: an admin has to grant the app the Microsoft Graph application permissions "
        + Permissions + " (API permissions → Grant admin consent).";

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed ChatOpsIR in a person's personal scope in tenant {Tenant} through Graph, to reach them by direct message.")]
    private static partial void LogInstalled(ILogger logger, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph refused to install ChatOpsIR for a person ({Status} {Code}): grant the application permissions {Permissions}.")]
    private static partial void LogPermissionMissing(ILogger logger, int? status, string? code, string permissions);
}
