using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.Diagnostics;

/// <summary>
/// Runs a health check inside a <c>promptwatch.health_check</c> span tagged <c>promptwatch.health_check.name</c>
/// and <c>promptwatch.health_check.status</c>; an unhealthy result or a thrown exception sets the error status.
/// </summary>
internal sealed class TracedHealthCheck(IHealthCheck inner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.health_check");
        activity?.SetTag("promptwatch.health_check.name", context.Registration.Name);
        try
        {
            var result = await inner.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("promptwatch.health_check.status", result.Status.ToString());
            if (result.Status == HealthStatus.Unhealthy)
            {
                activity.RecordFailure(result.Exception is { } e ? DependencyMetrics.ErrorType(e) : "unhealthy", result.Description);
            }

            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity.RecordFailure(e);
            throw;
        }
    }
}
