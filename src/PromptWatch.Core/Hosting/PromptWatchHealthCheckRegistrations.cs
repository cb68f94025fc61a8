using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.Hosting;

/// <summary>Adds one health check per watched repository, named <c>promptwatch:&lt;name&gt;</c> and tagged <c>promptwatch</c> and <c>ready</c>.</summary>
internal sealed class PromptWatchHealthCheckRegistrations(IOptions<PromptWatchOptions> options) : IConfigureOptions<HealthCheckServiceOptions>
{
    /// <summary>The tags of every PromptWatch health check.</summary>
    public static readonly string[] Tags = ["promptwatch", "ready"];

    public void Configure(HealthCheckServiceOptions healthChecks)
    {
        foreach (var repository in options.Value.Repositories)
        {
            var name = repository.EffectiveName;
            healthChecks.Registrations.Add(new HealthCheckRegistration(
                "promptwatch:" + name,
                services => new RepositoryHealthCheck(services.GetRequiredService<PromptWatchMonitor>(), name, services.GetService<TimeProvider>() ?? TimeProvider.System),
                failureStatus: null,
                tags: Tags));
        }
    }
}
