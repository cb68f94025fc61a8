using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

public sealed class RuleValidationTests
{
    private static readonly MetricCondition Metric = new() { Instrument = "promptwatch.refreshes", Aggregation = MetricAggregation.Increase, Threshold = 1 };

    public static TheoryData<string, AlertRule> InvalidRules() => new()
    {
        { "name", new AlertRule { Name = "has space", Metric = Metric } },
        { "severity", new AlertRule { Name = "r", Severity = (AlertSeverity)42, Metric = Metric } },
        { "metric.instrument", new AlertRule { Name = "r", Metric = Metric with { Instrument = "cpu.usage" } } },
        { "metric.comparison", new AlertRule { Name = "r", Metric = Metric with { Comparison = (AlertComparison)9 } } },
        { "metric.threshold", new AlertRule { Name = "r", Metric = Metric with { Threshold = double.NaN } } },
        { "metric.threshold", new AlertRule { Name = "r", Metric = Metric with { Threshold = double.PositiveInfinity } } },
        { "metric.window", new AlertRule { Name = "r", Metric = Metric with { Window = TimeSpan.FromSeconds(5) } } },
        { "metric.window", new AlertRule { Name = "r", Metric = Metric with { Window = TimeSpan.FromHours(25) } } },
        { "metric.filter.promptwatch.repository", new AlertRule { Name = "r", Metric = Metric with { Filter = new Dictionary<string, string> { ["promptwatch.repository"] = "(a)\\1" } } } },
        { "metric.aggregation", new AlertRule { Name = "r", Metric = Metric with { Aggregation = MetricAggregation.P95 } } },
        { "metric.denominator", new AlertRule { Name = "r", Metric = Metric with { Aggregation = MetricAggregation.Ratio, Denominator = "nope" } } },
        { "event.kind", new AlertRule { Name = "r", Event = new EventCondition { Kind = "" } } },
        { "event.filter.branch", new AlertRule { Name = "r", Event = new EventCondition { Kind = "build_failure", Filter = new Dictionary<string, string> { ["branch"] = "(?=main)" } } } },
        { "channels[1]", new AlertRule { Name = "r", Channels = ["log", "pager"], Metric = Metric } },
        { "cooldown", new AlertRule { Name = "r", Cooldown = TimeSpan.FromMinutes(-1), Metric = Metric } },
        { "max_notifications_per_hour", new AlertRule { Name = "r", MaxNotificationsPerHour = 0, Metric = Metric } },
        { "auto_resolve_after", new AlertRule { Name = "r", AutoResolveAfter = TimeSpan.Zero, Metric = Metric } },
        { "metric", new AlertRule { Name = "r" } },
        { "metric", new AlertRule { Name = "r", Metric = Metric, Event = new EventCondition { Kind = "build_failure" } } },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task An_invalid_rule_names_its_field_and_stores_nothing(string field, AlertRule rule)
    {
        await using var harness = AlertEngineHarness.Create(null, new RecordingChannel("log"));
        var error = await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.SaveRuleAsync(rule).AsTask());
        Assert.Equal(field, error.Field);
        Assert.Empty(await harness.Store.GetRulesAsync());
    }

    [Fact]
    public async Task A_backtracking_filter_is_refused_with_the_linear_regex_reason()
    {
        await using var harness = AlertEngineHarness.Create();
        var error = await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.SaveRuleAsync(new AlertRule
        {
            Name = "r",
            Metric = Metric with { Filter = new Dictionary<string, string> { ["a"] = "x(?!y)" } },
        }).AsTask());
        Assert.Contains("needs backtracking", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_default_rule_disables_it_and_deleting_an_api_rule_removes_it()
    {
        await using var harness = AlertEngineHarness.Create(o => o.DefaultRules = true);
        var rules = await harness.Engine.GetRulesAsync();
        Assert.Contains(rules, r => r.Name == "cpu_high" && r.Enabled);
        Assert.Contains(rules, r => r.Name == "api_error_rate" && r.Metric is not null);

        Assert.True(await harness.Engine.DeleteRuleAsync("cpu_high"));
        Assert.Contains(await harness.Engine.GetRulesAsync(), r => r.Name == "cpu_high" && !r.Enabled);

        await harness.Engine.SaveRuleAsync(new AlertRule { Name = "mine", Metric = Metric });
        Assert.True(await harness.Engine.DeleteRuleAsync("mine"));
        Assert.DoesNotContain(await harness.Engine.GetRulesAsync(), r => r.Name == "mine");
        Assert.False(await harness.Engine.DeleteRuleAsync("mine"));
    }

    [Fact]
    public async Task Silences_are_validated_per_field()
    {
        await using var harness = AlertEngineHarness.Create();
        var end = AlertEngineHarness.Start + TimeSpan.FromHours(1);
        Assert.Equal("matchers", (await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.CreateSilenceAsync([], null, end, "ops", "").AsTask())).Field);
        Assert.Equal("matchers[0].value", (await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.CreateSilenceAsync([new LabelMatcher("a", "(?<=x)", IsRegex: true)], null, end, "ops", "").AsTask())).Field);
        Assert.Equal("ends_at", (await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.CreateSilenceAsync([new LabelMatcher("a", "b")], null, AlertEngineHarness.Start, "ops", "").AsTask())).Field);
        Assert.Equal("created_by", (await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.CreateSilenceAsync([new LabelMatcher("a", "b")], null, end, " ", "").AsTask())).Field);
        Assert.Empty(await harness.Store.GetSilencesAsync());
    }
}
