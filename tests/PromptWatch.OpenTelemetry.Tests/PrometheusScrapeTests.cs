using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Hosting;
using PromptWatch.OpenTelemetry.Tests.Support;

namespace PromptWatch.OpenTelemetry.Tests;

/// <summary>A real Prometheus server scrapes a host (Kestrel on a real port) that exports PromptWatch's metrics.</summary>
public sealed class PrometheusScrapeTests : IAsyncDisposable
{
    private readonly WatchedRepository _repository = new();
    private WebApplication? _app;

    [Fact]
    public async Task Prometheus_stores_PromptWatch_series_with_their_labels_after_a_scan()
    {
        _repository.Set("prod", "summarizer", "gpt-4o", "Summarize.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPromptWatch(options => options.Repositories.Add(new WatchedRepositoryOptions { Name = "service", Location = _repository.Path }));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPromptWatchInstrumentation().AddPrometheusExporter());
        _app = builder.Build();
        _app.MapPrometheusScrapingEndpoint("/metrics");
        await _app.StartAsync();
        var address = new Uri(_app.Urls.First());
        var refresh = await _app.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync();
        Assert.True(refresh.Ok);

        using var prometheus = new PrometheusServer(address, "/metrics");
        var refreshes = await prometheus.QueryUntilFoundAsync("promptwatch_refreshes_total", TimeSpan.FromMinutes(3));
        var scans = await prometheus.QueryUntilFoundAsync("promptwatch_scan_duration_seconds_count", TimeSpan.FromMinutes(3));

        var series = Assert.Single(refreshes);
        Assert.Equal("promptwatch", series["job"]);
        Assert.Equal("service", series["promptwatch_repository"]);
        Assert.Equal("success", series["promptwatch_outcome"]);
        Assert.Contains(scans, s => s.TryGetValue("promptwatch_scan_kind", out var kind) && kind == "full");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _repository.Dispose();
    }
}
