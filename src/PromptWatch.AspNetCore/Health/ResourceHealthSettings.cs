using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Health;

/// <summary>Thresholds of the CPU, memory and disk checks and the folders whose disks are checked (<c>PromptWatch:Health:Resources</c>).</summary>
internal sealed class ResourceHealthSettings
{
    public UtilizationThreshold Cpu { get; } = new() { Degraded = 80, Unhealthy = 95 };

    public UtilizationThreshold Memory { get; } = new() { Degraded = 85, Unhealthy = 95 };

    public UtilizationThreshold Disk { get; } = new() { Degraded = 90, Unhealthy = 95 };

    /// <summary>Folders whose disks are checked besides the repository cache folder.</summary>
    public IList<string> DataDirectories { get; } = [];

    /// <summary>How long CPU and memory utilization is averaged over. Default 5 seconds.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How the checks are registered: names <c>resources:cpu</c>, <c>resources:memory</c>, <c>resources:disk</c> (the Name replaces <c>resources</c>), tag <c>resources</c>.</summary>
    public PromptWatchHealthCheckOptions HealthChecks { get; } = new();
}
