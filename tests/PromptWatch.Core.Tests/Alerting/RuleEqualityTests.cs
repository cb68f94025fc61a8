using System.Text.Json;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Rules;
using PromptWatch.Alerting.Storage;

namespace PromptWatch.Tests.Alerting;

public sealed class RuleEqualityTests
{
    private static readonly AlertRule Rule = new()
    {
        Name = "failures",
        Labels = new Dictionary<string, string> { ["team"] = "core", ["tier"] = "1" },
        Channels = ["log", "slack"],
        Cooldown = TimeSpan.FromMinutes(5),
        Metric = new MetricCondition
        {
            Instrument = "promptwatch.refreshes",
            Aggregation = MetricAggregation.Ratio,
            Filter = new Dictionary<string, string> { ["promptwatch.outcome"] = "failure" },
            Denominator = "promptwatch.refreshes",
            DenominatorFilter = new Dictionary<string, string> { ["promptwatch.repository"] = "repo-.*" },
            GroupBy = ["promptwatch.repository"],
            Threshold = 0.2,
        },
    };

    private static AlertRule RoundTrip(AlertRule rule) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(rule, AlertStoreJsonContext.Default.AlertRule), AlertStoreJsonContext.Default.AlertRule)!;

    public static TheoryData<string, AlertRule> Changed() => new()
    {
        { "threshold", Rule with { Metric = Rule.Metric! with { Threshold = 0.3 } } },
        { "filter value", Rule with { Metric = Rule.Metric! with { Filter = new Dictionary<string, string> { ["promptwatch.outcome"] = "success" } } } },
        { "filter name case", Rule with { Metric = Rule.Metric! with { Filter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Promptwatch.outcome"] = "failure" } } } },
        { "denominator filter", Rule with { Metric = Rule.Metric! with { DenominatorFilter = new Dictionary<string, string>() } } },
        { "group by", Rule with { Metric = Rule.Metric! with { GroupBy = ["promptwatch.outcome"] } } },
        { "labels", Rule with { Labels = new Dictionary<string, string> { ["team"] = "core", ["tier"] = "2" } } },
        { "channels", Rule with { Channels = ["slack", "log"] } },
        { "cooldown", Rule with { Cooldown = null } },
        { "event instead of metric", Rule with { Metric = null, Event = new EventCondition { Kind = "score_regression" } } },
    };

    [Fact]
    public void A_rule_read_back_from_its_json_is_the_same_without_being_serialised_again()
    {
        var copy = RoundTrip(Rule);
        Assert.NotSame(Rule.Labels, copy.Labels);
        Assert.True(RuleEquality.Equal(Rule, copy));
        Assert.True(RuleEquality.Equal(Rule, Rule with { Labels = new Dictionary<string, string> { ["tier"] = "1", ["team"] = "core" } }));

        // A fingerprint that no longer matches shows that the equal copy was not serialised to be compared.
        Assert.True(RuleFingerprint.Same(Rule, "not what the rule serialises to", copy));
    }

    [Theory]
    [MemberData(nameof(Changed))]
    public void A_changed_rule_is_not_the_same(string change, AlertRule changed)
    {
        Assert.False(RuleEquality.Equal(Rule, changed), change);
        Assert.False(RuleEquality.Equal(changed, Rule), change);
        Assert.False(RuleFingerprint.Same(Rule, RuleFingerprint.Of(Rule), RoundTrip(changed)), change);
    }
}
