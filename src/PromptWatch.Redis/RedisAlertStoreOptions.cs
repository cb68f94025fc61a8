using System.Globalization;
using PromptWatch.Hosting;

namespace PromptWatch.Redis;

/// <summary>
/// Where the Redis alert store keeps alert state. Bound from the <c>PromptWatch:Alerting:Redis</c> configuration section,
/// then from code; validated when the host starts. The connection (endpoint, password, time-outs) is the package's
/// one, from <see cref="RedisCounterStoreOptions"/> (<c>PromptWatch:Redis</c>).
/// </summary>
public sealed class RedisAlertStoreOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "PromptWatch:Alerting:Redis";

    /// <summary>
    /// Put before every key of the alert store, so that several PromptWatch installations can share one Redis; the
    /// replicas of one installation use the same. Default <c>promptwatch:alerting:</c>; may not be empty.
    /// </summary>
    public string KeyPrefix { get; set; } = "promptwatch:alerting:";

    /// <summary>The most history entries kept (the oldest go first). Default 10,000; between 1 and 1,000,000.</summary>
    public int MaxHistory { get; set; } = 10_000;

    /// <summary>
    /// How the alert store's health check is registered: named <c>promptwatch:alerting:redis</c>, tagged <c>promptwatch</c>
    /// and <c>alerting</c>, Unhealthy when Redis cannot be used, unless set otherwise here or in
    /// <c>PromptWatch:Alerting:Redis:HealthChecks</c> (<c>Enabled=false</c> leaves it out).
    /// </summary>
    public PromptWatchHealthCheckOptions HealthChecks { get; } = new();

    /// <summary>Shows the settings.</summary>
    /// <returns>A text without credentials (the options hold none).</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"KeyPrefix={KeyPrefix}, MaxHistory={MaxHistory}");
}
