using System.Text.Json;

namespace PromptWatch.Cli.Tests.Generation;

/// <summary><c>promptwatch generate-config</c>: the files it writes pass promtool and amtool, and it keeps what exists unless told.</summary>
public sealed class GenerateConfigCommandTests
{
    [Fact]
    public async Task Promtool_accepts_the_configuration_and_the_rules()
    {
        using var folder = await GeneratedFolder.CreateAsync("--url", "http://promptwatch:8080");

        var (configExit, configOutput) = await PrometheusTools.PromtoolAsync(folder.Path, "check", "config", "prometheus.yml");
        var (rulesExit, rulesOutput) = await PrometheusTools.PromtoolAsync(folder.Path, "check", "rules", folder.RulesFile);

        Assert.True(configExit == 0, configOutput);
        Assert.Contains("1 rule files found", configOutput, StringComparison.Ordinal);
        Assert.True(rulesExit == 0, rulesOutput);
        Assert.Contains($"{folder.Alerts().Count} rules found", rulesOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amtool_accepts_the_alertmanager_configuration()
    {
        using var folder = await GeneratedFolder.CreateAsync();

        var (exitCode, output) = await PrometheusTools.AmtoolAsync(folder.Path, "check-config", "alertmanager.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_file_is_written_and_listed_and_the_event_rules_are_named_at_the_top_of_the_rules()
    {
        using var folder = await GeneratedFolder.CreateAsync();
        string[] files =
        [
            "prometheus.yml", "rules/promptwatch.rules.yml", "alertmanager.yml", "grafana/dashboards/promptwatch.json",
            "grafana/provisioning/datasources/prometheus.yml", "grafana/provisioning/dashboards/promptwatch.yml", "docker-compose.yml",
        ];

        foreach (var file in files)
        {
            Assert.True(File.Exists(folder.Combine(file.Split('/'))), file);
            Assert.Contains("  " + file + "\n", folder.Result.Output, StringComparison.Ordinal);
        }

        var rules = await File.ReadAllTextAsync(folder.RulesFile);
        var header = string.Concat(rules.Split('\n').TakeWhile(static l => l.StartsWith('#')));
        Assert.Contains("unevaluated_prod_change: event rule (unevaluated_prod_change)", header, StringComparison.Ordinal);
        Assert.Contains("cpu_high: event rule (health_check_failing)", header, StringComparison.Ordinal);
        Assert.DoesNotContain("api_error_rate", header, StringComparison.Ordinal);
        Assert.Contains("http_route=~\"(/.*)?/api/.*\"", folder.Alerts()["api_error_rate"].Expression, StringComparison.Ordinal);
        Assert.Equal("30s", folder.Alerts()["api_error_rate"].For);

        var compose = await File.ReadAllTextAsync(folder.Combine("docker-compose.yml"));
        Assert.Contains("image: \"prom/prometheus:v", compose, StringComparison.Ordinal);
        Assert.Contains("image: \"prom/alertmanager:v", compose, StringComparison.Ordinal);
        Assert.Contains("image: \"grafana/grafana:1", compose, StringComparison.Ordinal);
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(folder.Combine("grafana", "dashboards", "promptwatch.json")));
        Assert.Equal("promptwatch", dashboard.RootElement.GetProperty("uid").GetString());
    }

    [Fact]
    public async Task Existing_files_are_kept_without_force_and_replaced_with_it()
    {
        using var folder = await GeneratedFolder.CreateAsync();
        var prometheus = folder.Combine("prometheus.yml");
        await File.WriteAllTextAsync(prometheus, "# edited by hand\n");

        var refused = await CliRunner.RunAsync("generate-config", "--output", folder.Path);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"promptwatch: {folder.Combine("prometheus.yml")} exists; pass --force to overwrite the generated files.\n", refused.Error);
        Assert.Equal("# edited by hand\n", await File.ReadAllTextAsync(prometheus));

        var forced = await CliRunner.RunAsync("generate-config", "--output", folder.Path, "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("scrape_configs:", await File.ReadAllTextAsync(prometheus), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rules_file_adds_translated_rules_and_reports_a_pattern_PromQL_cannot_express()
    {
        using var temp = new TempFolder();
        var rulesFile = temp.Combine("rules.json");
        await File.WriteAllTextAsync(rulesFile, """
            [
              {"name": "refresh_failures", "severity": "critical", "labels": {"team": "ml-platform"},
               "metric": {"instrument": "promptwatch.refreshes", "filter": {"promptwatch.outcome": "failure", "promptwatch.repository": "svc-.*"},
                          "group_by": ["promptwatch.repository"], "aggregation": "increase", "window_seconds": 60, "comparison": "ge", "threshold": 2, "consecutive_breaches": 4}},
              {"name": "greek_repositories", "metric": {"instrument": "promptwatch.refreshes", "filter": {"promptwatch.repository": "\\p{IsGreek}+"}, "threshold": 1}},
              {"name": "slow_scans", "metric": {"instrument": "promptwatch.scan.duration", "aggregation": "p95", "window_seconds": 600, "threshold": 30, "for_seconds": 120}}
            ]
            """);
        var output = temp.Combine("out");

        var result = await CliRunner.RunAsync("generate-config", "--output", output, "--rules", rulesFile, "--interval", "10", "--grafana-url", "https://grafana.example/monitoring");

        Assert.True(result.ExitCode == 0, result.Error);
        var rules = await File.ReadAllTextAsync(Path.Combine(output, "rules", "promptwatch.rules.yml"));
        Assert.Contains("sum by (promptwatch_repository) (increase(promptwatch_refreshes_total{promptwatch_outcome=\"failure\",promptwatch_repository=~\"svc-.*\"}[1m])) >= 2", rules.Replace("\\\"", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("for: 30s", rules, StringComparison.Ordinal); // 4 breaches 10 s apart: pending at the first, firing at the fourth
        Assert.Contains("team: ml-platform", rules, StringComparison.Ordinal);
        Assert.Contains("dashboard: \"https://grafana.example/monitoring/d/promptwatch\"", rules, StringComparison.Ordinal);
        Assert.Contains("histogram_quantile(0.95, sum by (le) (rate(promptwatch_scan_duration_seconds_bucket[10m]))) > 30", rules, StringComparison.Ordinal);
        Assert.Contains("for: 2m", rules, StringComparison.Ordinal);
        Assert.Contains("#   greek_repositories: the pattern of 'promptwatch.repository' uses '\\p{Is', which Prometheus' regular expressions (RE2) do not support", rules, StringComparison.Ordinal);
        Assert.Contains("greek_repositories: the pattern", result.Output, StringComparison.Ordinal);
        var (exitCode, check) = await PrometheusTools.PromtoolAsync(output, "check", "rules", Path.Combine(output, "rules", "promptwatch.rules.yml"));
        Assert.True(exitCode == 0, check);
    }

    [Theory]
    [InlineData("[{\"name\": \"bad\", \"metric\": {\"instrument\": \"promptwatch.nothing\", \"threshold\": 1}}]", "--rules: rule [0] of")]
    [InlineData("{\"name\": \"x\"}", "must hold a JSON array of rules")]
    [InlineData("[{\"name\": ", "is not valid rule JSON")]
    public async Task A_bad_rules_file_is_one_line_and_writes_nothing(string json, string expected)
    {
        using var temp = new TempFolder();
        var rulesFile = temp.Combine("rules.json");
        await File.WriteAllTextAsync(rulesFile, json);

        var result = await CliRunner.RunAsync("generate-config", "--output", temp.Combine("out"), "--rules", rulesFile);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Theory]
    [InlineData("--url", "ftp://host", "--url must be an http or https address")]
    [InlineData("--interval", "0", "--interval must be from 1 to 3600 seconds")]
    [InlineData("--grafana-url", "grafana:3000", "--grafana-url must be an http or https address")]
    [InlineData("--alertmanager", "http://am:9093/x", "--alertmanager must be host:port")]
    public async Task A_bad_option_names_itself(string option, string value, string expected)
    {
        using var temp = new TempFolder();

        var result = await CliRunner.RunAsync("generate-config", "--output", temp.Combine("out"), option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("promptwatch: " + expected, result.Error, StringComparison.Ordinal);
    }
}
