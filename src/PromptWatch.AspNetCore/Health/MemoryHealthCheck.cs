using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.ResourceMonitoring;

// IResourceMonitor is marked obsolete in favour of the package's observable instruments, but it is the package's only
// reading on demand (the instruments need a MeterListener and a collection cycle); it measures cgroup limits as well.
#pragma warning disable EXTOBS0001

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// Memory in use as a share of the memory the process may use (the container's limit where there is one, else the
/// machine's), from the resource monitor, with the process's own working set beside it.
/// </summary>
internal sealed class MemoryHealthCheck(IResourceMonitor monitor, ResourceHealthSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var utilization = monitor.GetUtilization(settings.Window);
        var percent = Math.Round(utilization.MemoryUsedPercentage, 2);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["memory_percent"] = percent,
            ["memory_used_bytes"] = utilization.MemoryUsedInBytes,
            ["memory_limit_bytes"] = utilization.SystemResources.MaximumMemoryInBytes,
            ["memory_guaranteed_bytes"] = utilization.SystemResources.GuaranteedMemoryInBytes,
            ["process_working_set_bytes"] = Environment.WorkingSet,
            ["degraded_percent"] = settings.Memory.Degraded,
            ["unhealthy_percent"] = settings.Memory.Unhealthy,
        };
        var status = settings.Memory.StatusOf(percent);
        return Task.FromResult(new HealthCheckResult(status, $"Memory {percent:0.##} % of {utilization.SystemResources.MaximumMemoryInBytes} bytes ({settings.Memory.Describe(status)}).", data: data));
    }
}
