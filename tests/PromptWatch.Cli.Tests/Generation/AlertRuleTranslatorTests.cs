using PromptWatch.Alerting;
using PromptWatch.Cli.Generation;

namespace PromptWatch.Cli.Tests.Generation;

/// <summary>The engine's metric conditions as PromQL, and what cannot be one.</summary>
public sealed class AlertRuleTranslatorTests
{
    private static readonly AlertRuleTranslator Translator = new(TimeSpan.FromSeconds(15), null);

    [Fact]
    public void A_literal_is_an_equality_and_a_pattern_a_regex_match_with_its_backslashes_and_quotes_escaped()
    {
        var (expression, problem) = AlertRuleTranslator.Expression(Condition(filter: new() { ["promptwatch.outcome"] = "failure", ["promptwatch.repository"] = "svc\\d+|\"quoted\"" }));

        Assert.Null(problem);
        Assert.Equal("sum (increase(promptwatch_refreshes_total{promptwatch_outcome=\"failure\",promptwatch_repository=~\"svc\\\\d+|\\\"quoted\\\"\"}[5m])) > 0", expression);
    }

    [Theory]
    [InlineData(AlertComparison.Ge, ">=")]
    [InlineData(AlertComparison.Lt, "<")]
    [InlineData(AlertComparison.Le, "<=")]
    [InlineData(AlertComparison.Eq, "==")]
    [InlineData(AlertComparison.Ne, "!=")]
    public void Each_comparison_has_its_operator(AlertComparison comparison, string op)
    {
        var (expression, _) = AlertRuleTranslator.Expression(Condition() with { Comparison = comparison, Threshold = 2.5 });

        Assert.EndsWith($"[5m])) {op} 2.5", expression, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ratio_groups_both_sides_by_the_same_labels()
    {
        var (expression, _) = AlertRuleTranslator.Expression(Condition(filter: new() { ["promptwatch.outcome"] = "failure" }) with
        {
            Instrument = "promptwatch.dependency.duration",
            Aggregation = MetricAggregation.Ratio,
            Denominator = "promptwatch.dependency.duration",
            GroupBy = ["promptwatch.dependency"],
            Window = TimeSpan.FromSeconds(90),
        });

        Assert.Equal("sum by (promptwatch_dependency) (rate(promptwatch_dependency_duration_seconds_count{promptwatch_outcome=\"failure\"}[90s])) / sum by (promptwatch_dependency) (rate(promptwatch_dependency_duration_seconds_count[90s])) > 0", expression);
    }

    [Theory]
    [InlineData("promptwatch.promotion.lead_time.median", "promptwatch_promotion_lead_time_median_seconds")]
    [InlineData("promptwatch.promotion.lead_time.last", "promptwatch_promotion_lead_time_last_seconds")]
    [InlineData("promptwatch.workspaces.alive", "promptwatch_workspaces_alive")]
    [InlineData("promptwatch.evaluation.changes", "promptwatch_evaluation_changes")]
    public void A_gauge_in_seconds_is_read_with_the_unit_suffix_the_exporter_gives_it(string instrument, string series)
    {
        var (expression, problem) = AlertRuleTranslator.Expression(Condition() with { Instrument = instrument, Aggregation = MetricAggregation.LastValue });

        Assert.Null(problem);
        Assert.Equal($"sum ({series}) > 0", expression);
    }

    [Theory]
    [InlineData("promptwatch.scan.duration", MetricAggregation.LastValue, "LastValue of a Histogram has no PromQL equivalent")]
    [InlineData("promptwatch.workspaces.alive", MetricAggregation.Rate, "Rate of a Gauge has no PromQL equivalent")]
    [InlineData("promptwatch.refreshes", MetricAggregation.P95, "P95 of a Counter has no PromQL equivalent")]
    [InlineData("promptwatch.unknown", MetricAggregation.Increase, "'promptwatch.unknown' is not an instrument the engine reads")]
    public void An_aggregation_PromQL_has_no_equivalent_for_is_reported(string instrument, MetricAggregation aggregation, string problem)
    {
        var (expression, reported) = AlertRuleTranslator.Expression(Condition() with { Instrument = instrument, Aggregation = aggregation });

        Assert.Null(expression);
        Assert.Equal(problem, reported);
    }

    [Theory]
    [InlineData("(?<name>svc)-.*", "(?<n")]
    [InlineData("svc(?=-prod)", "(?=")]
    [InlineData("svc\\Z", "\\Z")]
    [InlineData("[a-z-[aeiou]]+", "-[")]
    [InlineData("(?x) svc", "(?x")]
    public void A_pattern_RE2_cannot_express_is_reported_not_guessed(string pattern, string construct)
    {
        var translation = Translator.Translate(new AlertRule { Name = "r", Metric = Condition(filter: new() { ["promptwatch.repository"] = pattern }) });

        Assert.Null(translation.Alert);
        Assert.Equal($"the pattern of 'promptwatch.repository' uses '{construct}', which Prometheus' regular expressions (RE2) do not support", translation.Skipped);
    }

    [Fact]
    public void Consecutive_breaches_hold_for_the_intervals_between_the_first_and_the_last_and_metric_for_as_it_is()
    {
        Assert.Equal(TimeSpan.Zero, Translator.Translate(new AlertRule { Name = "once", Metric = Condition() }).Alert!.For);
        Assert.Equal(TimeSpan.FromSeconds(60), Translator.Translate(new AlertRule { Name = "five", Metric = Condition() with { ConsecutiveBreaches = 5 } }).Alert!.For);
        Assert.Equal(TimeSpan.FromMinutes(7), Translator.Translate(new AlertRule { Name = "held", Metric = Condition() with { ConsecutiveBreaches = 5, For = TimeSpan.FromMinutes(7) } }).Alert!.For);
    }

    [Fact]
    public void Event_and_disabled_rules_have_no_alert()
    {
        Assert.Equal("event rule (sensitive_file): no metric to query", Translator.Translate(new AlertRule { Name = "e", Event = new EventCondition { Kind = "sensitive_file" } }).Skipped);
        Assert.Equal("disabled", Translator.Translate(new AlertRule { Name = "d", Enabled = false, Metric = Condition() }).Skipped);
    }

    private static MetricCondition Condition(Dictionary<string, string>? filter = null) => new()
    {
        Instrument = "promptwatch.refreshes",
        Filter = filter ?? new Dictionary<string, string>(StringComparer.Ordinal),
        Aggregation = MetricAggregation.Increase,
        Threshold = 0,
    };
}
