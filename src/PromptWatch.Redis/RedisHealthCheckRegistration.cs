using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>
/// Adds <c>promptwatch:counters:redis</c>, tagged <c>promptwatch</c> and <c>counters</c> (not <c>ready</c>: the timeline
/// and the webhook receiver keep working while Redis is down, so replicas stay in service), as
/// <see cref="RedisCounterStoreOptions.HealthChecks"/> shapes it.
/// </summary>
internal sealed class RedisHealthCheckRegistration(IOptions<RedisCounterStoreOptions> options) : IConfigureOptions<HealthCheckServiceOptions>
{
    /// <summary>The check's default name.</summary>
    public const string Name = "promptwatch:counters:redis";

    /// <summary>The check's default tags.</summary>
    public static readonly string[] Tags = ["promptwatch", "counters"];

    public void Configure(HealthCheckServiceOptions healthChecks) =>
        options.Value.HealthChecks.AddTo(healthChecks, Name, Tags, services => new RedisStoreHealthCheck(services.GetRequiredService<RedisConnection>(), options.Value.KeyPrefix, RedisStoreHealthCheck.CounterConsequence));
}
