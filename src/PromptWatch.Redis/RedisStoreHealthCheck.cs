using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.Redis;

/// <summary>
/// The health of a store on the package's connection (<c>promptwatch:counters:redis</c>, <c>promptwatch:alerting:redis</c>):
/// a PING within <see cref="RedisCounterStoreOptions.HealthCheckTimeout"/>. Healthy when it answers; Degraded when the
/// answer took more than half the timeout; the registration's failure status (Unhealthy unless the host chose another)
/// when Redis cannot be reached, refuses the password or does not answer in time, with <paramref name="consequence"/>
/// saying what that means for the store.
/// </summary>
/// <param name="connection">The shared connection.</param>
/// <param name="keyPrefix">The store's key prefix, shown in the check's data.</param>
/// <param name="consequence">What happens meanwhile, as the end of a sentence ("counter updates are queued and retried").</param>
internal sealed class RedisStoreHealthCheck(RedisConnection connection, string keyPrefix, string consequence) : IHealthCheck
{
    /// <summary>What a counter store outage means.</summary>
    public const string CounterConsequence = "counter updates are queued and retried";

    /// <summary>What an alert store outage means.</summary>
    public const string AlertConsequence = "alerts are not evaluated, changed or notified until it answers";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = connection.Options.HealthCheckTimeout;
        var failure = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["endpoints"] = connection.Settings.Display,
            ["key_prefix"] = keyPrefix,
        };
        var watch = Stopwatch.StartNew();
        StackExchange.Redis.IDatabase database;
        try
        {
            // The first check may be the first use: the connection is made here.
            database = await connection.GetDatabaseAsync(cancellationToken).AsTask().WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!cancellationToken.IsCancellationRequested && watch.Elapsed >= timeout)
        {
            return new HealthCheckResult(failure, string.Create(CultureInfo.InvariantCulture, $"Redis at {connection.Settings.Display} cannot be used: no connection was made within {timeout.TotalMilliseconds:0} ms (HealthCheckTimeout); {consequence}."), data: data);
        }

        try
        {
            var latency = await database.PingAsync().WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            data["ping_ms"] = Math.Round(latency.TotalMilliseconds, 2);
            return latency > timeout / 2
                ? HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture, $"Redis at {connection.Settings.Display} answered PING slowly ({latency.TotalMilliseconds:0} ms; Unhealthy from {timeout.TotalMilliseconds:0} ms)."), data: data)
                : HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"Redis at {connection.Settings.Display} answered PING in {latency.TotalMilliseconds:0.#} ms."), data);
        }
        catch (TimeoutException) when (!cancellationToken.IsCancellationRequested && watch.Elapsed >= timeout)
        {
            return new HealthCheckResult(failure, string.Create(CultureInfo.InvariantCulture, $"Redis at {connection.Settings.Display} did not answer PING within {timeout.TotalMilliseconds:0} ms (HealthCheckTimeout); {consequence}."), data: data);
        }
        catch (Exception e) when (RedisFailures.IsRedisFailure(e))
        {
            return new HealthCheckResult(failure, $"Redis at {connection.Settings.Display} cannot be used: {RedisFailures.Reason(e, connection)}; {consequence}.", data: data);
        }
    }
}
