using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.Workspaces;

/// <summary>Adds <c>promptwatch:workspaces</c> when workspaces are enabled.</summary>
internal sealed class WorkspaceHealthCheckRegistration(IOptions<WorkspaceOptions> options) : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions healthChecks)
    {
        if (!options.Value.Enabled) return;
        healthChecks.Registrations.Add(new HealthCheckRegistration(
            WorkspaceHealthCheck.Name,
            static services => new WorkspaceHealthCheck(services.GetRequiredService<WorkspaceManager>()),
            failureStatus: null,
            tags: WorkspaceHealthCheck.Tags));
    }
}
