using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using PromptWatch.Alerting;
using LibGit2Sharp;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.Scanning;
using ChangeKind = PromptWatch.Model.ChangeKind;

namespace PromptWatch.Cli.Tests.Generation;

/// <summary>
/// An ASP.NET Core host on a loopback port with <c>AddPromptWatch()</c>, <c>AddAlerting()</c> (every second) and
/// OpenTelemetry's Prometheus exporter at <c>/metrics</c> (PromptWatch's meter, ASP.NET Core's hosting meter and the .NET
/// runtime's), watching a repository that refreshes (a <c>file://</c> clone) and one whose server refuses the
/// credentials (Git authentication failures, failed refreshes), with a results folder holding a report for one prod
/// change (evaluation coverage) and <c>/api/ok</c> and <c>/api/fail</c> routes.
/// </summary>
internal sealed class MetricsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsHost(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    public IAlertManager Alerts => _app.Services.GetRequiredService<IAlertManager>();

    /// <summary>
    /// Refreshes both repositories now, so that the host records dependency calls (the clone's fetch succeeds, the refused
    /// server's fails with an authentication error) whatever its poll loop has done yet on a busy machine.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        await _app.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync(cancellationToken: cancellationToken);

    public static async Task<MetricsHost> StartAsync(string servedRepository, int refusingPort, string cacheDirectory, IEnumerable<AlertRule> rules)
    {
        var results = Path.Combine(cacheDirectory, "results");
        WriteOneProdReport(servedRepository, results);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPromptWatch(options =>
        {
            options.CacheDirectory = cacheDirectory;
            options.PollInterval = TimeSpan.FromSeconds(1);
            options.ResultsRefreshInterval = TimeSpan.FromSeconds(1);
            options.Repositories.Add(new WatchedRepositoryOptions { Name = "service", Location = new Uri(servedRepository).AbsoluteUri });
            options.Repositories.Add(new WatchedRepositoryOptions { Name = "private", Location = $"http://127.0.0.1:{refusingPort}/private.git", Username = "promptwatch", Password = "not-the-password" });
        }).AddLocalFolderResults(results).AddAlerting(alerting =>
        {
            alerting.EvaluationInterval = TimeSpan.FromSeconds(1);
            foreach (var rule in rules) alerting.Rules.Add(rule);
        });
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddPromptWatchInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Hosting", "System.Runtime")
            .AddPrometheusExporter());
        var app = builder.Build();
        app.UseRouting();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/api/ok", () => Microsoft.AspNetCore.Http.Results.Ok());
        app.MapGet("/api/fail", () => Microsoft.AspNetCore.Http.Results.StatusCode(StatusCodes.Status500InternalServerError));
        await app.StartAsync();
        return new MetricsHost(app);
    }

    /// <summary>An evaluation report for the newest change of the prod environment only: its coverage is more than none and less than all.</summary>
    private static void WriteOneProdReport(string repositoryPath, string results)
    {
        using var repository = new Repository(repositoryPath);
        var scan = new HistoryScanner().Scan(repository, new ScanTarget(repository.Head.FriendlyName, WatchedFile.Defaults));
        var newest = scan.Timeline.First(static e => e.Kind is ChangeKind.Added or ChangeKind.Changed && e.Environment == "prod");
        var folder = Directory.CreateDirectory(Path.Combine(results, newest.Commit.Sha));
        File.WriteAllText(Path.Combine(folder.FullName, newest.UseCase + "_results.html"), "<!doctype html><title>evaluation</title>");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>
/// A test double for the producers that live in packages this host does not run (PromptWatch.GitHub's webhook
/// deliveries, alerts and rescans, PromptWatch.Workspaces' limits and PromptWatch.Redis' counter store): the same
/// instrument names, kinds, units and attributes on a meter named <c>PromptWatch</c>, as README's instrument table lists
/// them. Each of those packages records them for real in its own tests; here they prove that the dashboard's queries
/// match the names the exporter gives them.
/// </summary>
internal sealed class OtherPackagesInstruments : IDisposable
{
    private readonly Meter _meter = new("PromptWatch");
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _rescans;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _redisOperations;
    private readonly Histogram<double> _redisDuration;
    private readonly UpDownCounter<long> _alive;

    public OtherPackagesInstruments()
    {
        _deliveries = _meter.CreateCounter<long>("promptwatch.github.deliveries", "{delivery}");
        _alerts = _meter.CreateCounter<long>("promptwatch.github.alerts", "{alert}");
        _rescans = _meter.CreateCounter<long>("promptwatch.github.rescans", "{rescan}");
        _refused = _meter.CreateCounter<long>("promptwatch.workspaces.refused", "{request}");
        _redisOperations = _meter.CreateCounter<long>("promptwatch.counters.redis.operations", "{operation}");
        _redisDuration = _meter.CreateHistogram<double>("promptwatch.counters.redis.duration", "s");
        _alive = _meter.CreateUpDownCounter<long>("promptwatch.workspaces.alive", "{workspace}");
    }

    /// <summary>One more of each: a delivery applied, an alert, a rescan, a refused workspace request, a workspace created and evicted, a Redis increment.</summary>
    public void Record()
    {
        _deliveries.Add(1, new("promptwatch.github.event", "push"), new("promptwatch.outcome", "applied"));
        _alerts.Add(1, new("promptwatch.alert.kind", "sensitive_file"), new("promptwatch.alert.severity", "critical"));
        _rescans.Add(1);
        _refused.Add(1, new KeyValuePair<string, object?>("promptwatch.limit", "MaxWorkspaces"));
        _redisOperations.Add(1, new("promptwatch.operation", "increment"), new("promptwatch.outcome", "success"));
        _alive.Add(1);
        _alive.Add(-1);
        _redisDuration.Record(0.002, new("promptwatch.operation", "increment"), new("promptwatch.outcome", "success"));
    }

    public void Dispose() => _meter.Dispose();
}
