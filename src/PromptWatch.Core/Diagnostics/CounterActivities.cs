using System.Diagnostics;

namespace PromptWatch.Diagnostics;

/// <summary>Spans of counter-store calls: <c>promptwatch.counters.&lt;operation&gt;</c>, tagged with the store kind.</summary>
internal static class CounterActivities
{
    /// <summary>Starts <c>promptwatch.counters.<paramref name="operation"/></c> (increment, get, delete, set_marker, apply_once).</summary>
    /// <param name="operation">The operation, in snake case.</param>
    /// <param name="store">The store kind: <c>memory</c> or <c>redis</c>.</param>
    public static Activity? Start(string operation, string store)
    {
        var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.counters." + operation);
        activity?.SetTag("promptwatch.counters.store", store);
        return activity;
    }
}
