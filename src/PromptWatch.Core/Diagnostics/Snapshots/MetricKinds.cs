using System.Diagnostics.Metrics;

namespace PromptWatch.Diagnostics.Snapshots;

/// <summary>The kinds of instrument the collector tells apart, and how it reads each.</summary>
internal static class MetricKinds
{
    public const string Counter = "counter";
    public const string UpDownCounter = "updowncounter";
    public const string Gauge = "gauge";
    public const string Histogram = "histogram";

    /// <summary>
    /// Counters and up-down counters are summed; histograms keep a bounded histogram; gauges and every observable
    /// instrument (whose callbacks report totals already) keep their last value.
    /// </summary>
    public static string Of(Instrument instrument)
    {
        if (instrument.IsObservable)
        {
            var observable = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
            if (observable == typeof(ObservableCounter<>)) return Counter;
            if (observable == typeof(ObservableUpDownCounter<>)) return UpDownCounter;
            return Gauge;
        }

        var type = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        if (type == typeof(Counter<>)) return Counter;
        if (type == typeof(UpDownCounter<>)) return UpDownCounter;
        if (type == typeof(Histogram<>)) return Histogram;
        return Gauge;
    }
}
