using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;

namespace PromptWatch.Benchmarks;

/// <summary>
/// The GitHub webhook receiver on Kestrel (loopback) with the in-memory counter store: signed <c>push</c> deliveries
/// (a real GitHub payload from the tests' fixtures, a unique <c>X-GitHub-Delivery</c> each) posted by an HttpClient
/// that keeps 64 in flight. <see cref="Receive"/>: one operation is one delivery answered 202, so its inverse is
/// deliveries per second (p50/p99 of its answers printed after the run); <see cref="ReceiveAndProcess"/>: the time until 1,000
/// deliveries are answered and counted (<c>processed</c> of <c>GET /api/monitor/health</c>). Every answer must be 202:
/// the queue is large enough that none is refused.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class WebhookReceiverBenchmarks
{
    private const int Concurrency = 64;
    private const int Batch = 1_000;
    private const string Fixture = "tests/PromptWatch.GitHub.Tests/Fixtures/github-webhooks/push/with-new-branch.payload.json";
    private readonly LatencyRecorder _latencies = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private byte[] _body = [];
    private string _signature = "";

    [GlobalSetup]
    public void Setup()
    {
        // A push of one commit to a branch: counted as a push and a commit, its files checked for sensitive names.
        _body = File.ReadAllBytes(Path.Combine(SolutionRoot.Path, Fixture));
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), _body));

        var builder = LoopbackHost.CreateBuilder();
        builder.Services.AddPromptWatch(options =>
            {
                options.PollInterval = TimeSpan.FromHours(1);
                options.Repositories.Add(new WatchedRepositoryOptions { Name = "synthetic", Location = SyntheticHistory.Ensure(100), Branch = "main", FetchLocal = false });
            })
            .AddGitHubWebhooks(options =>
            {
                options.Secret = secret;
                // No 503s: far more room than deliveries can wait while the processor catches up.
                options.QueueCapacity = 200_000;
            });
        _app = builder.Build();
        _app.MapGitHubWebhooks();
        _app.MapGitHubActivity();
        _client = LoopbackHost.Start(_app, Concurrency);
        // Connections, JIT and the first delivery's processing are not measured.
        PostAsync().GetAwaiter().GetResult();
        WaitForProcessedAsync(1).GetAwaiter().GetResult();
    }

    /// <summary>64 deliveries in flight, each answered 202.</summary>
    [Benchmark(OperationsPerInvoke = Concurrency, Description = "Webhook: signed push, 64 in flight, answered 202")]
    public async Task Receive()
    {
        var requests = new Task[Concurrency];
        for (var i = 0; i < Concurrency; i++) requests[i] = PostAsync(record: true);
        await Task.WhenAll(requests);
    }

    /// <summary>1,000 deliveries posted with 64 in flight, until the last is counted.</summary>
    [Benchmark(Description = "Webhook: 1,000 signed pushes, 64 in flight, until all are processed")]
    public async Task ReceiveAndProcess()
    {
        var before = await ProcessedAsync();
        var next = 0;
        var senders = new Task[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            senders[i] = Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) <= Batch) await PostAsync();
            });
        }

        await Task.WhenAll(senders);
        await WaitForProcessedAsync(before + Batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_latencies.Describe() is { } latencies) Console.WriteLine($"// Webhook receiver (signed push, 202): {latencies}");
        LoopbackHost.Stop(_app, _client);
    }

    private async Task PostAsync(bool record = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/monitor/webhook", UriKind.Relative))
        {
            Content = new ByteArrayContent(_body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", _signature);
        var started = Stopwatch.GetTimestamp();
        using var response = await _client.SendAsync(request).ConfigureAwait(false);
        if (record) _latencies.Record(started);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"the receiver answered {(int)response.StatusCode} instead of 202: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    private async Task<long> ProcessedAsync()
    {
        await using var stream = await _client.GetStreamAsync(new Uri("api/monitor/health", UriKind.Relative)).ConfigureAwait(false);
        using var health = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
        return health.RootElement.GetProperty("processed").GetInt64();
    }

    private async Task WaitForProcessedAsync(long target)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (await ProcessedAsync().ConfigureAwait(false) < target)
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"fewer than {target} deliveries were processed within 60 s");
            await Task.Delay(1).ConfigureAwait(false);
        }
    }
}
