using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>
/// Adds <c>promptwatch:alerting:redis</c>, tagged <c>promptwatch</c> and <c>alerting</c> (not <c>ready</c>: the timeline
/// keeps working while Redis is down), as <see cref="RedisAlertStoreOptions.HealthChecks"/> shapes it.
/// </summary>
internal sealed class RedisAlertStoreHealthCheckRegistration(IOptions<RedisAlertStoreOptions> options) : IConfigureOptions<HealthCheckServiceOptions>
{
    /// <summary>The check's default name.</summary>
    public const string Name = "promptwatch:alerting:redis";

    /// <summary>The check's default tags.</summary>
    public static readonly string[] Tags = ["promptwatch", "alerting"];

    public void Configure(HealthCheckServiceOptions healthChecks) =>
        options.Value.HealthChecks.AddTo(healthChecks, Name, Tags, services => new RedisStoreHealthCheck(services.GetRequiredService<RedisConnection>(), options.Value.KeyPrefix, RedisStoreHealthCheck.AlertConsequence));
}
