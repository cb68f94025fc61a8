using PromptWatch.Alerting.Storage;
using PromptWatch.Hosting;
using PromptWatch.Notifications;

namespace PromptWatch.Server;

/// <summary>
/// The sample's alerting: the engine with its default rules (the <c>PromptWatch:Alerting</c> section, or the flat names
/// of <see cref="FlatAlertSettings"/>), the alert and notification routes, behind <c>JWT_SECRET_KEY</c>'s bearer tokens
/// (or the OIDC session) whenever authentication is on, as the admin group is, and the dashboard's Alerts panel.
/// </summary>
internal static class SampleAlerting
{
    /// <summary>The alert routes' <c>api/alerts</c>, relative to the dashboard at the root.</summary>
    public const string AlertsUrl = "api/alerts";

    /// <summary>The setting that keeps alert state (rules created through the API, alerts, silences, history) in a folder across restarts.</summary>
    public const string StateDirectoryKey = "Sample:AlertsDirectory";

    public static void AddServices(IPromptWatchBuilder promptWatch, IConfiguration configuration, string contentRoot)
    {
        promptWatch.AddAlerting();
        // Notification channels (webhook, Slack, Discord, email, Alertmanager) from PromptWatch:Alerting:<Channel>,
        // each registered only when configured.
        promptWatch.AddAlertChannels();
        // Without the setting alert state lives in memory; `dotnet run` sets it (launchSettings.json) to .data/alerts.
        if (configuration[StateDirectoryKey] is { Length: > 0 } folder) promptWatch.AddFileAlertStore(Path.GetFullPath(folder, contentRoot));
    }

    /// <returns>The alert routes' group.</returns>
    public static RouteGroupBuilder MapEndpoints(WebApplication app)
    {
        var alerts = app.MapPromptWatchAlerts("/");
        if (SampleAuthentication.Enabled(app.Configuration)) alerts.RequireAuthorization(SampleAuthentication.Policy);
        return alerts;
    }
}
