using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// The settings of the resource, endpoint and configuration checks and the default per-check timeout, bound from
/// <c>PromptWatch:Health</c> and validated when the host starts.
/// </summary>
internal sealed class HealthSettings
{
    public const string SectionName = "PromptWatch:Health";

    /// <summary>How long any check may run, unless its registration sets its own timeout. Default 5 seconds.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public ResourceHealthSettings Resources { get; } = new();

    /// <summary>HTTP endpoint checks, by name.</summary>
    public Dictionary<string, EndpointCheckSettings> Endpoints { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How the configuration check is registered (default name <c>configuration</c>, tag <c>configuration</c>).</summary>
    public PromptWatchHealthCheckOptions Configuration { get; } = new();
}
