using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.Workspaces;

/// <summary>
/// Adds <c>promptwatch:workspaces</c>, tagged <c>promptwatch</c> and <c>workspaces</c>, when workspaces are enabled, as
/// <see cref="WorkspaceOptions.HealthChecks"/> shapes it.
/// </summary>
internal sealed class WorkspaceHealthCheckRegistration(IOptions<WorkspaceOptions> options) : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions healthChecks)
    {
        var settings = options.Value.HealthChecks;
        if (!options.Value.Enabled || !settings.Enabled) return;
        healthChecks.Registrations.Add(new HealthCheckRegistration(
            settings.NameOr(WorkspaceHealthCheck.Name),
            static services => new WorkspaceHealthCheck(services.GetRequiredService<WorkspaceManager>()),
            settings.FailureStatus,
            settings.TagsOr(WorkspaceHealthCheck.Tags)));
    }
}
