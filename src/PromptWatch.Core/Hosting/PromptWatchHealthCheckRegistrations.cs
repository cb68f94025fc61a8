using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.Diagnostics;

namespace PromptWatch.Hosting;

/// <summary>
/// Adds one health check per watched repository, named <c>promptwatch:&lt;name&gt;</c> and tagged <c>promptwatch</c> and
/// <c>ready</c>, and one per evaluation-result store, named <c>promptwatch:results:&lt;n&gt;:&lt;store&gt;</c>, as
/// <see cref="PromptWatchOptions.HealthChecks"/> and <see cref="PromptWatchOptions.ResultStoreHealthChecks"/> shape them.
/// </summary>
internal sealed class PromptWatchHealthCheckRegistrations(IOptions<PromptWatchOptions> options, IEnumerable<Results.IEvaluationResultStore> stores) : IConfigureOptions<HealthCheckServiceOptions>
{
    /// <summary>The default name of repository checks, before <c>:&lt;name&gt;</c>.</summary>
    public const string Name = "promptwatch";

    /// <summary>The default name of result-store checks, before <c>:&lt;n&gt;:&lt;store&gt;</c>.</summary>
    public const string ResultName = "promptwatch:results";

    /// <summary>The default tags of repository checks.</summary>
    public static readonly string[] Tags = ["promptwatch", "ready"];

    /// <summary>The default tags of result-store checks: not <c>ready</c>, since the timeline is served without results.</summary>
    public static readonly string[] ResultTags = ["promptwatch", "results"];

    public void Configure(HealthCheckServiceOptions healthChecks)
    {
        var settings = options.Value;
        var repositories = settings.HealthChecks;
        if (repositories.Enabled)
        {
            var prefix = repositories.NameOr(Name);
            var tags = repositories.TagsOr(Tags);
            foreach (var repository in settings.Repositories)
            {
                var name = repository.EffectiveName;
                healthChecks.Registrations.Add(new HealthCheckRegistration(
                    prefix + ":" + name,
                    services => new TracedHealthCheck(new RepositoryHealthCheck(services.GetRequiredService<PromptWatchMonitor>(), name, services.GetService<TimeProvider>() ?? TimeProvider.System)),
                    repositories.FailureStatus,
                    tags));
            }
        }

        var results = settings.ResultStoreHealthChecks;
        if (!results.Enabled) return;
        var resultPrefix = results.NameOr(ResultName);
        var resultTags = results.TagsOr(ResultTags);
        var failureStatus = results.FailureStatus;
        var index = 0;
        foreach (var store in stores)
        {
            var position = index++;
            healthChecks.Registrations.Add(new HealthCheckRegistration(
                $"{resultPrefix}:{position}:{store.DisplayName}",
                services => new TracedHealthCheck(new ResultStoreHealthCheck(services.GetRequiredService<PromptWatchMonitor>(), position, failureStatus ?? HealthStatus.Degraded)),
                failureStatus,
                resultTags));
        }
    }
}
