using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>What the settings and status routes tell of the engine beyond <see cref="IAlertManager"/>: never a URL or secret.</summary>
internal sealed class AlertEngineInfo(IAlertManager manager, IOptions<AlertingOptions> options)
{
    public AlertingOptions Settings => options.Value;

    /// <summary>
    /// Whether the engine evaluates: its evaluation loop (a hosted <see cref="BackgroundService"/>) has started and not
    /// ended. A host's own manager that is no background service is taken to be running.
    /// </summary>
    public bool Running => manager is not BackgroundService service || service.ExecuteTask is { IsCompleted: false };
}
