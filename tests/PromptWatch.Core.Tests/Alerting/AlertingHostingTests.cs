using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.Hosting;

namespace PromptWatch.Tests.Alerting;

public sealed class AlertingHostingTests
{
    private static IHost Build(Dictionary<string, string?> settings, Action<AlertingOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PromptWatch:Repositories:0:Location"] = Path.GetTempPath() });
        builder.Services.AddPromptWatch().AddAlerting(configure);
        return builder.Build();
    }

    [Fact]
    public async Task AddAlerting_registers_one_engine_with_the_log_channel_and_rules_from_configuration()
    {
        using var host = Build(new()
        {
            ["PromptWatch:Alerting:DefaultRules"] = "false",
            ["PromptWatch:Alerting:Rules:0:Name"] = "many_scans",
            ["PromptWatch:Alerting:Rules:0:Severity"] = "Critical",
            ["PromptWatch:Alerting:Rules:0:Labels:team"] = "ml",
            ["PromptWatch:Alerting:Rules:0:Channels:0"] = "log",
            ["PromptWatch:Alerting:Rules:0:Cooldown"] = "00:10:00",
            ["PromptWatch:Alerting:Rules:0:Metric:Instrument"] = "promptwatch.scans",
            ["PromptWatch:Alerting:Rules:0:Metric:Aggregation"] = "Increase",
            ["PromptWatch:Alerting:Rules:0:Metric:Threshold"] = "3",
            ["PromptWatch:Alerting:Rules:0:Metric:Filter:promptwatch.scan.kind"] = "full",
            ["PromptWatch:Alerting:Rules:1:Name"] = "deploys",
            ["PromptWatch:Alerting:Rules:1:Event:Kind"] = "deployment_failure",
            ["PromptWatch:Alerting:Rules:1:Event:GroupBy:0"] = "environment",
        });

        var manager = host.Services.GetRequiredService<IAlertManager>();
        Assert.Same(manager, host.Services.GetRequiredService<IAlertEventPublisher>());
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, manager));
        Assert.Contains(host.Services.GetServices<IHealthCheckPublisher>(), p => p.GetType().Name == "AlertHealthCheckPublisher");
        Assert.IsType<InMemoryAlertStore>(host.Services.GetRequiredService<IAlertStore>());
        Assert.Equal(["log"], manager.Channels);

        var rules = await manager.GetRulesAsync();
        Assert.Equal(["deploys", "many_scans"], rules.Select(r => r.Name));
        var scans = rules[1];
        Assert.Equal((AlertSeverity.Critical, "ml", TimeSpan.FromMinutes(10)), (scans.Severity, scans.Labels["team"], scans.Cooldown!.Value));
        Assert.Equal((MetricAggregation.Increase, 3.0, "full"), (scans.Metric!.Aggregation, scans.Metric.Threshold, scans.Metric.Filter["promptwatch.scan.kind"]));
        Assert.Equal(["environment"], rules[0].Event!.GroupBy!);
    }

    [Fact]
    public async Task Default_rules_are_on_unless_turned_off()
    {
        using var host = Build([]);
        var rules = await host.Services.GetRequiredService<IAlertManager>().GetRulesAsync();
        Assert.Equal(
            ["api_error_rate", "build_failure_default_branch", "counter_store_failing", "cpu_high", "deployment_failure", "disk_high", "health_check_failing", "memory_high", "pipeline_failure", "pipeline_rollback", "repository_refresh_failing", "result_store_failing", "scan_errors", "score_regression", "sensitive_file", "unevaluated_prod_change", "urgent_issue"],
            rules.Select(r => r.Name));
    }

    [Theory]
    [InlineData("PromptWatch:Alerting:EvaluationInterval", "00:00:00.5")]
    [InlineData("PromptWatch:Alerting:Cooldown", "-00:01:00")]
    [InlineData("PromptWatch:Alerting:MaxNotificationsPerHour", "0")]
    [InlineData("PromptWatch:Alerting:DashboardUrl", "ftp://dash.example")]
    public void Invalid_options_fail_naming_the_key(string key, string value)
    {
        using var host = Build(new() { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AlertingOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_configured_rule_fails_naming_its_key_and_field()
    {
        using var host = Build(new()
        {
            ["PromptWatch:Alerting:Rules:0:Name"] = "bad",
            ["PromptWatch:Alerting:Rules:0:Metric:Instrument"] = "system.cpu.utilization",
            ["PromptWatch:Alerting:Rules:0:Metric:Threshold"] = "80",
        });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AlertingOptions>>().Value);
        Assert.Contains("PromptWatch:Alerting:Rules:0 (metric.instrument)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_publisher_feeds_the_health_rules()
    {
        await using var harness = AlertEngineHarness.Create(o => o.DefaultRules = true);
        var publisher = new PromptWatch.Alerting.Hosting.AlertHealthCheckPublisher(harness.Engine, harness.Time);
        HealthReport Report(HealthStatus status) => new(new Dictionary<string, HealthReportEntry>
        {
            ["resources:disk"] = new(status, "disk 93 %", TimeSpan.Zero, null, null),
        }, TimeSpan.Zero);

        await publisher.PublishAsync(Report(HealthStatus.Degraded), CancellationToken.None);
        var disk = await Eventually.GetAsync(() => harness.AlertsAsync("disk_high"), a => a.Count == 1 && a[0].State == AlertState.Firing, "the disk alert");
        Assert.Equal("resources:disk", disk[0].Labels["check"]);
        Assert.Empty(await harness.AlertsAsync("health_check_failing"));

        await publisher.PublishAsync(Report(HealthStatus.Healthy), CancellationToken.None);
        await Eventually.GetAsync(() => harness.AlertsAsync("disk_high"), a => a[0].State == AlertState.Resolved, "the cleared disk alert");
    }

    [Fact]
    public async Task An_unhealthy_resource_check_is_the_resource_rules_business_and_any_other_unhealthy_check_the_health_rules()
    {
        await using var harness = AlertEngineHarness.Create(o => o.DefaultRules = true);
        var publisher = new PromptWatch.Alerting.Hosting.AlertHealthCheckPublisher(harness.Engine, harness.Time);
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["resources:cpu"] = new(HealthStatus.Unhealthy, "CPU 99 %", TimeSpan.Zero, null, null, ["resources"]),
            ["promptwatch:demo"] = new(HealthStatus.Unhealthy, "fetch failed", TimeSpan.Zero, null, null, ["promptwatch", "ready"]),
        }, TimeSpan.Zero);

        // cpu_high fires on the second report in a row; the repository's check fires health_check_failing on the first.
        await publisher.PublishAsync(report, CancellationToken.None);
        await publisher.PublishAsync(report, CancellationToken.None);
        await Eventually.GetAsync(() => harness.AlertsAsync("cpu_high"), a => a.Count == 1 && a[0].State == AlertState.Firing, "the CPU alert");
        var failing = await Eventually.GetAsync(() => harness.AlertsAsync("health_check_failing"), a => a.Count == 1 && a[0].State == AlertState.Firing, "the repository check's alert");
        Assert.Equal("promptwatch:demo", failing[0].Labels["check"]);
    }
}
