using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;

namespace PromptWatch.Benchmarks;

/// <summary>
/// <c>api/changes</c> served by Kestrel on loopback to an HttpClient that keeps 64 requests in flight. One
/// operation is one request, so the mean is the time per request at that concurrency and its inverse is
/// requests per second; each request's own latency is recorded and p50/p99 are printed after the run. A compressing
/// client sends <c>Accept-Encoding: br, gzip</c> and counts the bytes it receives (it does not decompress them).
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class ApiServingBenchmarks
{
    private const int Concurrency = 64;
    private readonly LatencyRecorder _latencies = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    /// <summary>Commits in the history: 50k commits hold about 10k changes.</summary>
    [Params(1_000, 50_000)]
    public int Commits { get; set; }

    /// <summary>The request: the whole timeline (as the replaced tool's clients ask), a page, a filtered page.</summary>
    [Params("api/changes", "api/changes?limit=50", "api/changes?env=prod&q=concise&limit=50")]
    public string Query { get; set; } = "";

    /// <summary>The client's <c>Accept-Encoding</c>: none, or Brotli and gzip.</summary>
    [Params("none", "br, gzip")]
    public string AcceptEncoding { get; set; } = "none";

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
        _app = builder.Build();
        _app.MapPromptWatch();
        _client = LoopbackHost.Start(_app, Concurrency);
        var refresh = _app.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync().GetAwaiter().GetResult();
        if (!refresh.Ok) throw new InvalidOperationException(string.Join("; ", refresh.Errors.Values));
        // The first request serializes (and compresses) the timeline once; measure serving, not that.
        SendAsync().GetAwaiter().GetResult();
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
        if (_latencies.Describe() is { } latencies) Console.WriteLine($"// API serving ({Commits} commits, {Query}, Accept-Encoding {AcceptEncoding}): {latencies}");
        LoopbackHost.Stop(_app, _client);
    }

    private async Task<int> RequestAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var length = await SendAsync().ConfigureAwait(false);
        _latencies.Record(started);
        return length;
    }

    private async Task<int> SendAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Query, UriKind.Relative));
        if (AcceptEncoding != "none") request.Headers.TryAddWithoutValidation("Accept-Encoding", AcceptEncoding);
        using var response = await _client.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return body.Length;
    }
}
