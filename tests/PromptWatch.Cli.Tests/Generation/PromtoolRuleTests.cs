using System.Globalization;
using System.Text.Json;
using PromptWatch.Cli.Generation;

namespace PromptWatch.Cli.Tests.Generation;

/// <summary>
/// <c>promtool test rules</c> on the generated rules file: for every generated alert, synthetic series that fire it
/// (with the labels the alert carries) and series that must not (promtool fails a test whose alerts differ from the
/// expected ones, none included).
/// </summary>
public sealed class PromtoolRuleTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static TheoryData<string> GeneratedAlerts()
    {
        var settings = new GenerationSettings { Target = new Uri("http://promptwatch:8080"), Rules = EngineRules.Defaults };
        var (engine, operations) = PrometheusRulesFile.Translate(settings);
        return [.. engine.Select(static t => t.Alert).OfType<PrometheusAlert>().Concat(operations).Select(static a => a.Name)];
    }

    [Fact]
    public async Task Every_generated_alert_has_a_case_and_every_case_an_alert()
    {
        using var folder = await GeneratedFolder.CreateAsync();
        Assert.Equal(AlertCases.All.Keys.Order(StringComparer.Ordinal), folder.Alerts().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GeneratedAlerts))]
    public async Task The_alert_fires_on_its_breaching_series_and_not_on_the_quiet_ones(string alert)
    {
        Assert.True(AlertCases.All.TryGetValue(alert, out var @case), $"no synthetic series for {alert}");
        using var folder = await GeneratedFolder.CreateAsync();
        var generated = folder.Alerts()[alert];
        var testFile = folder.Combine("rules", "promptwatch.test.json");
        await File.WriteAllTextAsync(testFile, PromtoolTestFile(folder.RulesFile, generated, @case));

        var (exitCode, output) = await PrometheusTools.PromtoolAsync(folder.Path, "test", "rules", testFile);

        Assert.True(exitCode == 0, $"promtool test rules failed for {alert}:\n{output}");
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    /// <summary>The promtool test file (JSON is YAML): one test with the firing series, one with the quiet ones.</summary>
    private static string PromtoolTestFile(string rulesFile, GeneratedAlert alert, AlertCase @case)
    {
        var evalTime = ((int)@case.EvalTime.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        var firing = @case.FiringLabels.Select(extra => new Dictionary<string, object>
        {
            ["exp_labels"] = alert.Labels.Concat(extra).ToDictionary(static p => p.Key, static p => p.Value, StringComparer.Ordinal),
            ["exp_annotations"] = alert.Annotations,
        }).ToList();
        var file = new Dictionary<string, object>
        {
            ["rule_files"] = new[] { rulesFile },
            ["evaluation_interval"] = "15s",
            ["tests"] = new object[]
            {
                Test(@case.Firing, new Dictionary<string, object> { ["eval_time"] = evalTime, ["alertname"] = alert.Name, ["exp_alerts"] = firing }),
                Test(@case.Quiet, new Dictionary<string, object> { ["eval_time"] = evalTime, ["alertname"] = alert.Name, ["exp_alerts"] = Array.Empty<object>() }),
            },
        };
        return JsonSerializer.Serialize(file, Indented);
    }

    private static Dictionary<string, object> Test(IReadOnlyList<(string Series, string Values)> series, Dictionary<string, object> alertTest) => new()
    {
        ["interval"] = "15s",
        ["input_series"] = series.Select(static s => new Dictionary<string, string> { ["series"] = s.Series, ["values"] = s.Values }).ToList(),
        ["alert_rule_test"] = new[] { alertTest },
    };
}
