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
        if (!options.Value.Enabled) return;
        options.Value.HealthChecks.AddTo(healthChecks, WorkspaceHealthCheck.Name, WorkspaceHealthCheck.Tags, static services => new WorkspaceHealthCheck(services.GetRequiredService<WorkspaceManager>()));
    }
}
