using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.Hosting;

/// <summary>
/// Adds one health check per watched repository, named <c>promptwatch:&lt;name&gt;</c> and tagged <c>promptwatch</c> and
/// <c>ready</c>, and one per evaluation-result store, named <c>promptwatch:results:&lt;n&gt;:&lt;store&gt;</c>.
/// </summary>
internal sealed class PromptWatchHealthCheckRegistrations(IOptions<PromptWatchOptions> options, IEnumerable<Results.IEvaluationResultStore> stores) : IConfigureOptions<HealthCheckServiceOptions>
{
    /// <summary>The tags of every PromptWatch health check.</summary>
    public static readonly string[] Tags = ["promptwatch", "ready"];

    /// <summary>The tags of result-store checks: not <c>ready</c>, since the timeline is served without results.</summary>
    public static readonly string[] ResultTags = ["promptwatch", "results"];

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

        var index = 0;
        foreach (var store in stores)
        {
            var position = index++;
            healthChecks.Registrations.Add(new HealthCheckRegistration(
                $"promptwatch:results:{position}:{store.DisplayName}",
                services => new ResultStoreHealthCheck(services.GetRequiredService<PromptWatchMonitor>(), position),
                failureStatus: null,
                tags: ResultTags));
        }
    }
}
