using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.Hosting;

/// <summary>
/// The timeout of each registered check, and the description of an entry that ran out of it: the framework reports
/// such an entry with its failure status (Unhealthy unless the registration says otherwise) and a generic text, which
/// becomes <c>timed out after &lt;n&gt; s</c>.
/// </summary>
internal static class HealthCheckTimeouts
{
    // What DefaultHealthCheckService writes when a registration's timeout cancels its check.
    private const string FrameworkTimeoutDescription = "A timeout occurred while running check.";

    public static IReadOnlyDictionary<string, TimeSpan> Of(IServiceProvider services)
    {
        var registrations = services.GetService<IOptions<HealthCheckServiceOptions>>()?.Value.Registrations ?? [];
        var timeouts = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in registrations) timeouts[registration.Name] = registration.Timeout;
        return timeouts;
    }

    public static string? Describe(string name, HealthReportEntry entry, IReadOnlyDictionary<string, TimeSpan> timeouts) =>
        entry.Exception is OperationCanceledException && entry.Description == FrameworkTimeoutDescription
            && timeouts.TryGetValue(name, out var timeout) && timeout != Timeout.InfiniteTimeSpan
            ? "timed out after " + Seconds(timeout) + " s"
            : entry.Description;

    public static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
