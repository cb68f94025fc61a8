using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.Scanning;

namespace PromptWatch.Benchmarks;

/// <summary>
/// What OpenTelemetry costs: a full scan and <c>api/changes?limit=50</c> (64 requests in flight) on the same host,
/// without OpenTelemetry and with the sample's set-up (metrics of PromptWatch and ASP.NET Core to the Prometheus
/// exporter, scraped every second meanwhile as Prometheus would; PromptWatch and ASP.NET Core spans, sampled and
/// recorded, not exported).
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class TelemetryOverheadBenchmarks
{
    private const int Concurrency = 64;
    private static readonly IReadOnlyList<WatchedFile> Files = WatchedFile.Defaults;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private Repository _repository = null!;
    private PromptWatchMetrics _metrics = null!;
    private Timer? _scraper;

    /// <summary>Commits in the history (the smoke run takes the first).</summary>
    [Params(1_000, 10_000)]
    public int Commits { get; set; }

    /// <summary>Whether OpenTelemetry with the Prometheus exporter is on.</summary>
    [Params(false, true)]
    public bool OpenTelemetry { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = SyntheticHistory.Ensure(Commits);
        var builder = LoopbackHost.CreateBuilder();
        builder.Services.AddPromptWatch(options =>
        {
            options.PollInterval = TimeSpan.FromHours(1);
            options.Repositories.Add(new WatchedRepositoryOptions { Name = "synthetic", Location = path, Branch = "base", FetchLocal = false });
        });
        if (OpenTelemetry)
        {
            builder.Services.AddOpenTelemetry()
                .WithMetrics(metrics => metrics.AddPromptWatchInstrumentation().AddAspNetCoreInstrumentation().AddPrometheusExporter())
                .WithTracing(tracing => tracing.AddPromptWatchInstrumentation().AddAspNetCoreInstrumentation());
        }

        _app = builder.Build();
        _app.MapPromptWatch();
        if (OpenTelemetry) _app.MapPrometheusScrapingEndpoint("/metrics");
        _client = LoopbackHost.Start(_app, Concurrency);
        var refresh = _app.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync().GetAwaiter().GetResult();
        if (!refresh.Ok) throw new InvalidOperationException(string.Join("; ", refresh.Errors.Values));
        _metrics = _app.Services.GetRequiredService<PromptWatchMetrics>();
        _repository = new Repository(path);
        SendAsync("api/changes?limit=50").GetAwaiter().GetResult();
        if (OpenTelemetry && !SendAsync("metrics").GetAwaiter().GetResult().Contains("promptwatch_scans_total", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The Prometheus exporter shows no PromptWatch series.");
        }

        if (OpenTelemetry) _scraper = new Timer(_ => SendAsync("metrics").GetAwaiter().GetResult(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>A new scanner recording to the host's PromptWatch meter, nothing cached, the whole history.</summary>
    [Benchmark(Description = "Full scan")]
    public int FullScan() => new HistoryScanner(metrics: _metrics).Scan(_repository, new ScanTarget("base", Files)).Entries.Length;

    /// <summary>64 concurrent requests for the first page of changes.</summary>
    [Benchmark(OperationsPerInvoke = Concurrency, Description = "API: GET api/changes?limit=50, 64 in flight")]
    public async Task<long> ChangesPage()
    {
        var requests = new Task<string>[Concurrency];
        for (var i = 0; i < Concurrency; i++) requests[i] = SendAsync("api/changes?limit=50");
        var length = 0L;
        foreach (var body in await Task.WhenAll(requests)) length += body.Length;
        return length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scraper?.Dispose();
        _repository.Dispose();
        LoopbackHost.Stop(_app, _client);
    }

    private async Task<string> SendAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }
}
