using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.Redis;

/// <summary>
/// Adds <c>promptwatch:counters:redis</c>, tagged <c>promptwatch</c> and <c>counters</c> (not <c>ready</c>: the timeline
/// and the webhook receiver keep working while Redis is down, so replicas stay in service).
/// </summary>
internal sealed class RedisHealthCheckRegistration : Microsoft.Extensions.Options.IConfigureOptions<HealthCheckServiceOptions>
{
    /// <summary>The check's name.</summary>
    public const string Name = "promptwatch:counters:redis";

    /// <summary>The check's tags.</summary>
    public static readonly string[] Tags = ["promptwatch", "counters"];

    public void Configure(HealthCheckServiceOptions options) => options.Registrations.Add(new HealthCheckRegistration(
        Name,
        static services => new RedisCounterStoreHealthCheck(services.GetRequiredService<RedisConnection>()),
        failureStatus: null,
        tags: Tags));
}
