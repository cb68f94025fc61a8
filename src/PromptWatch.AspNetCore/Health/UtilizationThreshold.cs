using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.AspNetCore.Health;

/// <summary>Percentages at or above which a measured utilization is Degraded and Unhealthy.</summary>
internal sealed class UtilizationThreshold
{
    public double Degraded { get; set; }

    public double Unhealthy { get; set; }

    public HealthStatus StatusOf(double percent) =>
        percent >= Unhealthy ? HealthStatus.Unhealthy : percent >= Degraded ? HealthStatus.Degraded : HealthStatus.Healthy;

    /// <summary>How a measurement of <paramref name="status"/> stands against the thresholds, for a check's description.</summary>
    public string Describe(HealthStatus status) => status switch
    {
        HealthStatus.Unhealthy => $"at or above {Unhealthy:0.##} %",
        HealthStatus.Degraded => $"at or above {Degraded:0.##} %",
        _ => $"below {Degraded:0.##} %",
    };

    public string? Problem(string key) =>
        Degraded is < 0 or > 100 || Unhealthy is < 0 or > 100 ? $"{key}:Degraded and {key}:Unhealthy must be percentages from 0 to 100."
        : Unhealthy < Degraded ? $"{key}:Unhealthy must not be below {key}:Degraded."
        : null;
}
