using System.Globalization;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Cli.Generation;

/// <summary>
/// Writes the alerting engine's metric rules as Prometheus alerting rules over the series the host exports
/// (<see cref="PrometheusNames"/>). <c>last_value</c> is the summed gauge (or counter total), <c>rate</c> and
/// <c>increase</c> are PromQL's, <c>ratio</c> is the rate of the rule's instrument over its denominator's, <c>p95</c> is
/// <c>histogram_quantile(0.95, ...)</c> of the histogram's buckets; <c>group_by</c> attributes are the <c>by</c>
/// labels; N consecutive breaches at the evaluation interval i are <c>for: (N-1)*i</c> (the first breach makes the
/// alert pending, the Nth fires it, as in the engine), <c>metric.for</c> is <c>for</c> as it is. Event rules have no
/// metric, and a filter pattern PromQL cannot express is reported: neither becomes an alert.
/// </summary>
internal sealed class AlertRuleTranslator(TimeSpan evaluationInterval, Uri? dashboardUrl)
{
    public RuleTranslation Translate(AlertRule rule)
    {
        if (!rule.Enabled) return new RuleTranslation(rule.Name, null, "disabled");
        if (rule.Metric is not { } metric) return new RuleTranslation(rule.Name, null, $"event rule ({rule.Event?.Kind}): no metric to query");
        var (expression, problem) = Expression(metric);
        if (expression is null) return new RuleTranslation(rule.Name, null, problem);

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in rule.Labels) labels[PrometheusNames.Sanitize(name)] = value;
        labels["severity"] = AlertText.Severity(rule.Severity);
        labels["source"] = "promptwatch";

        var annotations = new List<KeyValuePair<string, string>>
        {
            new("summary", Summary(rule.Name, metric)),
            new("description", rule.Description ?? Summary(rule.Name, metric)),
        };
        if (dashboardUrl is not null) annotations.Add(new("dashboard", dashboardUrl.ToString()));

        var holdFor = metric.For ?? evaluationInterval * Math.Max(0, metric.ConsecutiveBreaches - 1);
        return new RuleTranslation(rule.Name, new PrometheusAlert(rule.Name, expression, holdFor, [.. labels], annotations), null);
    }

    /// <summary>The condition as a PromQL expression, or why it cannot be one.</summary>
    public static (string? Expression, string? Problem) Expression(MetricCondition metric)
    {
        var kind = KnownInstruments.KindOf(metric.Instrument);
        if (kind is null) return (null, $"'{metric.Instrument}' is not an instrument the engine reads");
        var (matchers, problem) = LabelMatchers.Translate(metric.Filter);
        if (matchers is null) return (null, problem);
        matchers = Braced(matchers);

        var window = PromQlDuration.Format(metric.Window);
        var by = metric.GroupBy.Count == 0 ? string.Empty : $" by ({string.Join(", ", metric.GroupBy.Select(PrometheusNames.Sanitize))})";
        string? value;
        switch (metric.Aggregation)
        {
            case MetricAggregation.LastValue:
                value = kind switch
                {
                    InstrumentKind.Gauge => $"sum{by} ({PrometheusNames.Gauge(metric.Instrument)}{matchers})",
                    InstrumentKind.Counter => $"sum{by} ({PrometheusNames.Counter(metric.Instrument)}{matchers})",
                    _ => null,
                };
                break;
            case MetricAggregation.Rate or MetricAggregation.Increase:
                var function = metric.Aggregation == MetricAggregation.Rate ? "rate" : "increase";
                value = PrometheusNames.Counted(metric.Instrument) is { } counted ? $"sum{by} ({function}({counted}{matchers}[{window}]))" : null;
                break;
            case MetricAggregation.Ratio:
                if (metric.Denominator is null || PrometheusNames.Counted(metric.Denominator) is not { } denominator) return (null, "the ratio's denominator is not a counter or histogram the engine reads");
                if (PrometheusNames.Counted(metric.Instrument) is not { } numerator) return (null, "a ratio needs a counter or histogram");
                var (denominatorMatchers, denominatorProblem) = LabelMatchers.Translate(metric.DenominatorFilter);
                if (denominatorMatchers is null) return (null, "denominator: " + denominatorProblem);
                denominatorMatchers = Braced(denominatorMatchers);
                value = $"sum{by} (rate({numerator}{matchers}[{window}])) / sum{by} (rate({denominator}{denominatorMatchers}[{window}]))";
                break;
            case MetricAggregation.P95:
                var labels = string.Join(", ", metric.GroupBy.Select(PrometheusNames.Sanitize).Prepend("le"));
                value = kind == InstrumentKind.Histogram ? $"histogram_quantile(0.95, sum by ({labels}) (rate({PrometheusNames.Histogram(metric.Instrument, "bucket")}{matchers}[{window}])))" : null;
                break;
            default:
                value = null;
                break;
        }

        if (value is null) return (null, $"{metric.Aggregation} of a {kind} has no PromQL equivalent");
        return ($"{value} {Operator(metric.Comparison)} {metric.Threshold.ToString("R", CultureInfo.InvariantCulture)}", null);
    }

    private static string Braced(string matchers) => matchers.Length == 0 ? string.Empty : "{" + matchers + "}";

    private static string Operator(AlertComparison comparison) => comparison switch
    {
        AlertComparison.Gt => ">",
        AlertComparison.Ge => ">=",
        AlertComparison.Lt => "<",
        AlertComparison.Le => "<=",
        AlertComparison.Eq => "==",
        _ => "!=",
    };

    private static string Summary(string name, MetricCondition metric) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: {AggregationText(metric.Aggregation)} of {metric.Instrument}{(metric.Aggregation == MetricAggregation.LastValue ? "" : " over " + PromQlDuration.Format(metric.Window))} {Operator(metric.Comparison)} {metric.Threshold:R}");

    private static string AggregationText(MetricAggregation aggregation) => aggregation switch
    {
        MetricAggregation.LastValue => "last value",
        MetricAggregation.Rate => "rate",
        MetricAggregation.Increase => "increase",
        MetricAggregation.Ratio => "ratio",
        _ => "p95",
    };
}
