using System.Globalization;
using PromptWatch.Hosting;

namespace PromptWatch.Redis;

/// <summary>
/// Where the Redis counter store keeps its counters and how it talks to Redis. Bound from the <c>PromptWatch:Redis</c>
/// configuration section, then from code; validated when the host starts.
/// </summary>
public sealed class RedisCounterStoreOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "PromptWatch:Redis";

    /// <summary>
    /// How to reach Redis: a URL (<c>redis://[[user]:password@]host[:port][/database]</c>, <c>rediss://</c> for TLS) or a
    /// StackExchange.Redis configuration string (<c>host:port,password=...,ssl=true</c>). Required. It may hold a
    /// password, so it never appears in logs, messages, <see cref="ToString"/> or health reports; only its endpoints do.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Put before every counter and marker name to make its Redis key, so that several applications (or several
    /// PromptWatch installations) can share one Redis. Default <c>promptwatch:</c>; may not be empty.
    /// </summary>
    public string KeyPrefix { get; set; } = "promptwatch:";

    /// <summary>How long connecting (and the handshake) may take. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one operation may wait for Redis's answer before it fails. Default 5 seconds.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the health check's PING may take before the store is reported Unhealthy. Default 2 seconds. An answer
    /// slower than half of it reports Degraded.
    /// </summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How the health check is registered: named <c>promptwatch:counters:redis</c>, tagged <c>promptwatch</c> and
    /// <c>counters</c>, Unhealthy when Redis cannot be used, unless set otherwise here or in
    /// <c>PromptWatch:Redis:HealthChecks</c> (<c>Enabled=false</c> leaves it out).
    /// </summary>
    public PromptWatchHealthCheckOptions HealthChecks { get; } = new();

    /// <summary>Shows where Redis is, never the password.</summary>
    /// <returns>A text without credentials.</returns>
    public override string ToString()
    {
        var endpoints = RedisConnectionSettings.TryParse(Configuration, out var settings, out _) ? settings.Display : "(not set or invalid)";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Endpoints={endpoints}, KeyPrefix={KeyPrefix}, ConnectTimeout={ConnectTimeout}, OperationTimeout={OperationTimeout}, HealthCheckTimeout={HealthCheckTimeout}, Password={(settings?.HasPassword == true ? "(set)" : "(not set)")}");
    }
}
