using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.ResourceMonitoring;

// IResourceMonitor is marked obsolete in favour of the package's observable instruments, but it is the package's only
// reading on demand (the instruments need a MeterListener and a collection cycle); it measures cgroup limits as well.
#pragma warning disable EXTOBS0001

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// The process's CPU utilization, as a share of the CPUs it may use (the container's limit where there is one), averaged
/// over <see cref="ResourceHealthSettings.Window"/> by the resource monitor.
/// </summary>
internal sealed class CpuHealthCheck(IResourceMonitor monitor, ResourceHealthSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var utilization = monitor.GetUtilization(settings.Window);
        var percent = Math.Round(utilization.CpuUsedPercentage, 2);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["cpu_percent"] = percent,
            ["cpu_units_guaranteed"] = utilization.SystemResources.GuaranteedCpuUnits,
            ["cpu_units_max"] = utilization.SystemResources.MaximumCpuUnits,
            ["degraded_percent"] = settings.Cpu.Degraded,
            ["unhealthy_percent"] = settings.Cpu.Unhealthy,
        };
        var status = settings.Cpu.StatusOf(percent);
        return Task.FromResult(new HealthCheckResult(status, $"CPU {percent:0.##} % of {utilization.SystemResources.MaximumCpuUnits:0.##} units ({settings.Cpu.Describe(status)}).", data: data));
    }
}
