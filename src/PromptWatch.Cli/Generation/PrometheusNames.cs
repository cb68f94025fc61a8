using System.Text;
using PromptWatch.Alerting.Rules;
using PromptWatch.Lifecycle;

namespace PromptWatch.Cli.Generation;

/// <summary>
/// The names OpenTelemetry's Prometheus exporter gives PromptWatch's instruments and attributes: characters other than
/// letters, digits and <c>_</c> become <c>_</c>; counters end in <c>_total</c>; histograms (all in seconds) in
/// <c>_seconds_bucket</c>, <c>_seconds_count</c> and <c>_seconds_sum</c>; gauges and up-down counters keep the name, but
/// for those in seconds (the promotion lead times), which end in <c>_seconds</c> as the exporter adds a unit's suffix.
/// </summary>
internal static class PrometheusNames
{
    /// <summary>A Prometheus label or metric name for an OpenTelemetry attribute or instrument name.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name) builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        if (builder.Length > 0 && char.IsAsciiDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    /// <summary>The series of a counter.</summary>
    public static string Counter(string instrument) => Sanitize(instrument) + "_total";

    /// <summary>The gauge of a gauge or up-down counter.</summary>
    public static string Gauge(string instrument) => Sanitize(instrument) + (InSeconds(instrument) ? "_seconds" : "");

    private static bool InSeconds(string instrument) => instrument is PromotionLeadTimeMetrics.MedianName or PromotionLeadTimeMetrics.LastName
        or PromotionLeadTimeMetrics.SlowestName or PromotionLeadTimeMetrics.OverallMedianName or PromotionLeadTimeMetrics.OverallLastName
        or PromotionLeadTimeMetrics.OverallSlowestName;

    /// <summary>One of a histogram's series: <c>bucket</c>, <c>count</c> or <c>sum</c>.</summary>
    public static string Histogram(string instrument, string part) => Sanitize(instrument) + "_seconds_" + part;

    /// <summary>
    /// The series that counts an instrument's measurements (a counter's total, a histogram's count), or
    /// <see langword="null"/> for a gauge or an unknown instrument.
    /// </summary>
    public static string? Counted(string instrument) => KnownInstruments.KindOf(instrument) switch
    {
        InstrumentKind.Counter => Counter(instrument),
        InstrumentKind.Histogram => Histogram(instrument, "count"),
        _ => null,
    };
}
