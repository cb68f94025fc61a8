using System.Text.Json;
using PromptWatch.Alerting;
using PromptWatch.Cli.Generation;

namespace PromptWatch.Cli.Tests.Generation;

/// <summary>
/// A real Prometheus on the generated <c>prometheus.yml</c> and rules scrapes a real host exporting PromptWatch's
/// metrics: every query of every dashboard panel returns series through <c>/api/v1/query</c> (evaluation coverage the
/// share of the one prod change with a report), and a rule of a
/// <c>--rules</c> file fires both in the host's alerting engine and in Prometheus (<c>/api/v1/alerts</c>) on the same
/// metric stream (the refreshes a server that refuses the credentials makes fail), for the same repository only. Nothing
/// assumes a scrape happened: the test waits for Prometheus' target to be up, then, until each query has series (within
/// a generous bound), refreshes both repositories (dependency calls that succeed and fail), sends requests and records
/// the other packages' instruments, and asks Prometheus again.
/// </summary>
[Collection(ProcessMetersTests.Name)]
public sealed class GeneratedConfigPrometheusTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    private const string RulesJson = """
        [
          {"name": "refreshes_failing", "severity": "error", "description": "A repository's refreshes fail.",
           "metric": {"instrument": "promptwatch.refreshes", "filter": {"promptwatch.outcome": "failure"}, "group_by": ["promptwatch.repository"],
                      "aggregation": "increase", "window_seconds": 30, "comparison": "gt", "threshold": 0, "consecutive_breaches": 3}}
        ]
        """;

    [Fact]
    public async Task Prometheus_answers_every_panel_query_and_fires_the_alert_the_engine_fires()
    {
        using var temp = new TempFolder();
        var rulesFile = temp.Combine("rules.json");
        await File.WriteAllTextAsync(rulesFile, RulesJson);
        var rules = await RulesFileReader.ReadAsync(rulesFile, CancellationToken.None);
        using var refusing = new RefusingHttpServer();
        using var others = new OtherPackagesInstruments();
        await using var host = await MetricsHost.StartAsync(demo.Path, refusing.Port, temp.Combine("cache"), rules);

        var output = temp.Combine("monitoring");
        var generated = await CliRunner.RunAsync(
            "generate-config", "--output", output, "--url", host.Address.ToString(), "--rules", rulesFile, "--interval", "1", "--alertmanager", "127.0.0.1:9");
        Assert.True(generated.ExitCode == 0, generated.Error);
        using var prometheus = new PrometheusProcess(Path.Combine(output, "prometheus.yml"));
        using var client = new HttpClient { BaseAddress = host.Address };

        // Every query of every panel, from the dashboard file Grafana would load.
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "grafana", "dashboards", "promptwatch.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(static p => p.GetProperty("type").GetString() != "row")
            .SelectMany(static p => p.GetProperty("targets").EnumerateArray().Select(t => (Panel: p.GetProperty("title").GetString()!, Expression: t.GetProperty("expr").GetString()!)))
            .ToList();
        Assert.Equal(DashboardPanels.All(GenerationSettings.Job).Sum(static p => p.Queries.Count), queries.Count);
        // Prometheus scrapes the host before any query is asked: its target is up.
        Assert.True(await WaitForAsync(async () => await TargetUpAsync(prometheus) ? "up" : null, host, client, others) is not null, "Prometheus never scraped the host:\n" + prometheus.Log);
        var missing = queries.ToHashSet();
        var deadline = DateTime.UtcNow + Bound;
        while (missing.Count > 0 && DateTime.UtcNow < deadline)
        {
            await DriveAsync(host, client, others);
            foreach (var query in missing.ToList())
            {
                if ((await prometheus.QueryAsync(query.Expression)).Count > 0) missing.Remove(query);
            }
        }

        Assert.True(missing.Count == 0, "Panel queries with no series:\n" + string.Join('\n', missing.Select(static q => $"{q.Panel}: {q.Expression}")) + "\nExported: " + await ExportedNamesAsync(client) + "\nPrometheus:\n" + prometheus.Log);

        // Evaluation coverage per environment: one prod change of many has its report, no test change has one.
        var coverage = queries.Single(static q => q.Panel == "Evaluation coverage").Expression;
        var shares = await WaitForAsync(async () => await SharesAsync(prometheus, coverage) is { } found && found.GetValueOrDefault("prod") > 0 ? found : null, host, client, others);
        Assert.True(shares is not null, "Evaluation coverage found no report in prod: " + coverage);
        Assert.InRange(shares["prod"], double.Epsilon, 0.99);
        Assert.Equal(0, shares["test"]);

        // The same rule fires in the engine and in Prometheus, for the refused repository and not the one that refreshes.
        var engineAlert = await WaitForAsync(async () => (await host.Alerts.GetAlertsAsync(new AlertQuery(Rule: "refreshes_failing"))).FirstOrDefault(static a => a.State == AlertState.Firing), host, client, others);
        Assert.NotNull(engineAlert);
        Assert.Contains("private", engineAlert.Labels.Values);
        Assert.DoesNotContain("service", engineAlert.Labels.Values);
        var prometheusAlert = await WaitForAsync(async () => await FiringOrPendingAsync(prometheus, "refreshes_failing"), host, client, others);
        Assert.True(prometheusAlert is not null, "Prometheus shows no refreshes_failing alert:\n" + prometheus.Log);
        var labels = prometheusAlert.Value.GetProperty("labels");
        Assert.Equal("private", labels.GetProperty("promptwatch_repository").GetString());
        Assert.Equal("error", labels.GetProperty("severity").GetString());
        var all = await prometheus.GetAsync("api/v1/alerts");
        Assert.DoesNotContain(all!.Value.GetProperty("alerts").EnumerateArray(), static a => a.GetProperty("labels").TryGetProperty("promptwatch_repository", out var r) && r.GetString() == "service");
    }

    private static async Task<JsonElement?> FiringOrPendingAsync(PrometheusProcess prometheus, string alertName)
    {
        if (await prometheus.GetAsync("api/v1/alerts") is not { } data) return null;
        foreach (var alert in data.GetProperty("alerts").EnumerateArray())
        {
            if (alert.GetProperty("labels").GetProperty("alertname").GetString() == alertName && alert.GetProperty("state").GetString() is "firing" or "pending") return alert;
        }

        return null;
    }

    private static async Task<Dictionary<string, double>?> SharesAsync(PrometheusProcess prometheus, string expression)
    {
        var series = await prometheus.QueryAsync(expression);
        return series.Count == 0 ? null : series.ToDictionary(
            static r => r.GetProperty("metric").GetProperty("promptwatch_environment").GetString()!,
            static r => double.Parse(r.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<bool> TargetUpAsync(PrometheusProcess prometheus) =>
        await prometheus.GetAsync("api/v1/targets") is { } data
        && data.GetProperty("activeTargets").EnumerateArray().Any(static t => t.GetProperty("health").GetString() == "up");

    private static async Task<T?> WaitForAsync<T>(Func<Task<T?>> probe, MetricsHost host, HttpClient client, OtherPackagesInstruments others)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await DriveAsync(host, client, others);
        }

        return default;
    }

    /// <summary>
    /// A refresh of both repositories (dependency calls that succeed and fail, an authentication failure, a refresh of
    /// each outcome), requests that answer 200 and 500 on the API's routes, one more of the other packages'
    /// measurements, and a pause of a scrape interval.
    /// </summary>
    private static async Task DriveAsync(MetricsHost host, HttpClient client, OtherPackagesInstruments others)
    {
        await host.RefreshAsync(CancellationToken.None);
        using (await client.GetAsync(new Uri("api/ok", UriKind.Relative))) { }
        using (await client.GetAsync(new Uri("api/fail", UriKind.Relative))) { }
        others.Record();
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static async Task<string> ExportedNamesAsync(HttpClient client)
    {
        var text = await client.GetStringAsync(new Uri("metrics", UriKind.Relative));
        return string.Join(' ', text.Split('\n').Where(static l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(static l => l.Split(' ')[2]));
    }
}
