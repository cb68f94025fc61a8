using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromptWatch.Hosting;

namespace PromptWatch.Benchmarks;

/// <summary>
/// <c>api/changes</c> served by Kestrel on loopback to an HttpClient that keeps 64 requests in flight. One
/// operation is one request, so the mean is the time per request at that concurrency and its inverse is
/// requests per second; each request's own latency is recorded and p50/p99 are printed after the run.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class ApiServingBenchmarks
{
    private const int Concurrency = 64;
    private const int KeptLatencies = 20_000;
    private readonly List<double> _latencies = [];
    private readonly Lock _latencyLock = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    /// <summary>Commits in the history: 50k commits hold about 10k changes.</summary>
    [Params(1_000, 50_000)]
    public int Commits { get; set; }

    /// <summary>The request: the whole timeline (as the replaced tool's clients ask), a page, a filtered page.</summary>
    [Params("api/changes", "api/changes?limit=50", "api/changes?env=prod&q=concise&limit=50")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var path = SyntheticHistory.Ensure(Commits);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPromptWatch(options =>
        {
            options.PollInterval = TimeSpan.FromHours(1);
            options.Repositories.Add(new WatchedRepositoryOptions { Name = "synthetic", Location = path, Branch = "base", FetchLocal = false });
        });
        _app = builder.Build();
        _app.MapPromptWatch();
        _app.StartAsync().GetAwaiter().GetResult();
        var refresh = _app.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync().GetAwaiter().GetResult();
        if (!refresh.Ok) throw new InvalidOperationException(string.Join("; ", refresh.Errors.Values));
        var address = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = new Uri(address + "/") };
        // The first request serializes the timeline once; measure serving, not that.
        _client.GetByteArrayAsync(new Uri(Query, UriKind.Relative)).GetAwaiter().GetResult();
    }

    /// <summary>64 concurrent requests.</summary>
    [Benchmark(OperationsPerInvoke = Concurrency, Description = "API: GET with 64 requests in flight")]
    public async Task<long> Serve()
    {
        var requests = new Task<int>[Concurrency];
        for (var i = 0; i < Concurrency; i++) requests[i] = RequestAsync();
        var bytes = 0L;
        foreach (var length in await Task.WhenAll(requests)) bytes += length;
        return bytes;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        List<double> sorted;
        lock (_latencyLock) sorted = [.. _latencies.Order()];
        if (sorted.Count > 0)
        {
            Console.WriteLine($"// API serving ({Commits} commits, {Query}): the last {sorted.Count} requests, latency p50 {Percentile(sorted, 0.50):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms");
        }

        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<int> RequestAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var body = await _client.GetByteArrayAsync(new Uri(Query, UriKind.Relative)).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (_latencyLock)
        {
            // The latest requests only: warm-up and pilot iterations fall out.
            if (_latencies.Count == KeptLatencies) _latencies.RemoveRange(0, Concurrency);
            _latencies.Add(elapsed);
        }
        return body.Length;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
