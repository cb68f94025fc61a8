using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using PromptWatch.AspNetCore.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample web host with every dependency real (a repository on the Git smart-HTTP server, results in S3, counters
/// in Redis, signed webhooks) while 64 clients read <c>api/changes</c> and deliveries arrive: the Git server, the S3
/// gateway and Redis are each stopped and started again. The services are this test's own instances, so the shared
/// ones other tests use are never touched.
/// </summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    private const string WebhookSecret = "outage-webhook-secret";
    private const int Readers = 64;
    private const int QueueCapacity = 16;

    // The result store's check: promptwatch:results:0:<the store's display name>.
    private const string Results = "promptwatch:results:0:";

    // A bound for "does not hang" on a busy two-core machine, never a measure of speed.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Readers_and_webhooks_survive_the_git_server_s3_and_redis_each_stopped_and_started_again()
    {
        using var git = await OwnService.StartAsync("git-server");
        using var s3 = await OwnService.StartAsync("s3-server");
        using var redis = await OwnService.StartAsync("redis-server");

        using var repository = new WatchedRepository();
        var firstSha = repository.Set("test", "summarize", "gpt-4o", "Summarize the text.");
        var bare = Path.Combine(git.Settings["PROMPTWATCH_TEST_GIT_REPO_ROOT"], "outage", "service.git");
        Directory.CreateDirectory(Path.GetDirectoryName(bare)!);
        repository.Repository.Git("clone", "--quiet", "--bare", repository.Path, bare);
        var gitPassword = "reader-" + Guid.NewGuid().ToString("N");
        await git.RunAsync("add-user", "reader", gitPassword);

        var endpoint = s3.Settings["PROMPTWATCH_TEST_S3_ENDPOINT"];
        using (var s3Client = new AmazonS3Client(
            new BasicAWSCredentials(s3.Settings["PROMPTWATCH_TEST_S3_ACCESS_KEY"], s3.Settings["PROMPTWATCH_TEST_S3_SECRET_KEY"]),
            new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1", UseHttp = true }))
        {
            await s3Client.PutBucketAsync(new PutBucketRequest { BucketName = "results" });
            using var body = new MemoryStream("<html>report</html>"u8.ToArray());
            await s3Client.PutObjectAsync(new PutObjectRequest { BucketName = "results", Key = $"{firstSha}/summarize_results.html", InputStream = body, UseChunkEncoding = false, ContentType = "text/html" });
        }

        var redisEndpoint = redis.Settings["PROMPTWATCH_TEST_REDIS"];
        var redisPassword = redis.Settings["PROMPTWATCH_TEST_REDIS_PASSWORD"];
        await using var host = new PromptWatchHost(git.Settings["PROMPTWATCH_TEST_GIT_HTTP_URL"] + "/outage/service.git", pollInterval: TimeSpan.FromSeconds(1), settings: new Dictionary<string, string>
        {
            ["PromptWatch:Repositories:0:Username"] = "reader",
            ["PromptWatch:Repositories:0:Password"] = gitPassword,
            ["PromptWatch:S3:Endpoint"] = endpoint,
            ["PromptWatch:S3:AccessKey"] = s3.Settings["PROMPTWATCH_TEST_S3_ACCESS_KEY"],
            ["PromptWatch:S3:SecretKey"] = s3.Settings["PROMPTWATCH_TEST_S3_SECRET_KEY"],
            ["PromptWatch:S3:Timeout"] = "00:00:30",
            ["PromptWatch:S3:RefreshInterval"] = "00:00:01",
            ["PromptWatch:ResultsRefreshInterval"] = "00:00:01",
            ["PromptWatch:ResultsMaxBackoff"] = "00:00:02",
            ["PromptWatch:Redis:Configuration"] = $"{redisEndpoint},password={redisPassword}",
            ["PromptWatch:Redis:ConnectTimeout"] = "00:00:15",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:15",
            ["PromptWatch:Redis:HealthCheckTimeout"] = "00:00:15",
            ["GITHUB_WEBHOOK_SECRET"] = WebhookSecret,
            ["PromptWatch:GitHub:QueueCapacity"] = QueueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PromptWatch:GitHub:MaxRetryDelay"] = "00:00:01",
            ["PromptWatch:GitHub:InstantRescans"] = "false",
        });
        var client = host.CreateClient();
        client.Timeout = Bound;
        await WaitForAsync(client, "the first scan and listing", static h => h.Status("promptwatch:service") == "Healthy" && h.Status(Results) == "Healthy" && h.Status("promptwatch:counters:redis") is "Healthy" or "Degraded");

        using var raw = await ConnectionMultiplexer.ConnectAsync($"{redisEndpoint},password={redisPassword},abortConnect=false,connectTimeout=15000,syncTimeout=15000,asyncTimeout=15000");
        using var load = new Load(client);
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(load.ReadAsync)).ToArray();
        var sender = Task.Run(load.SendAsync);
        var outages = 0;
        try
        {
            await WaitForServedAsync(load, "readers and deliveries before any outage");

            // The Git server: the last snapshot is served, health names the failing repository, a commit pushed meanwhile
            // shows once the server is back.
            await git.RunAsync("stop-server");
            var down = await WaitForAsync(client, "the repository's failure in health", static h => h.Status("promptwatch:service") == "Unhealthy");
            Assert.StartsWith("The last refresh failed: ", down.Description("promptwatch:service"), StringComparison.Ordinal);
            Assert.DoesNotContain(gitPassword, down.Text, StringComparison.Ordinal);
            var newSha = repository.Set("prod", "classify", "gpt-4o-mini", "Classify the ticket.");
            repository.Repository.Git("push", "--quiet", "--force", bare, "HEAD:main");
            await WaitForServedAsync(load, "readers and deliveries while the Git server is down");
            await git.RunAsync("start-server");
            await WaitForAsync(client, "the repository's recovery", static h => h.Status("promptwatch:service") == "Healthy");
            await WaitForChangeAsync(client, newSha);
            outages++;

            // The S3 gateway: results are unknown, health names the store, and its listing works again by itself.
            await s3.RunAsync("stop-gateway");
            down = await WaitForAsync(client, "the result store's failure in health", static h => h.Status(Results) == "Degraded" && h.Description(Results).StartsWith("Results show as unknown: ", StringComparison.Ordinal));
            Assert.Contains(endpoint, down.Description(Results), StringComparison.Ordinal);
            Assert.DoesNotContain(s3.Settings["PROMPTWATCH_TEST_S3_SECRET_KEY"], down.Text, StringComparison.Ordinal);
            await WaitForServedAsync(load, "readers and deliveries while the S3 gateway is down");
            await s3.RunAsync("start-gateway");
            await WaitForAsync(client, "the result store's recovery", static h => h.Status(Results) == "Healthy");
            outages++;

            // Redis: the test server keeps no data across a restart, so deliveries are compared per life of the server:
            // every delivery answered 202 before the stop must be counted once before it.
            await load.PauseAsync();
            await WaitForCountedAsync(client, raw, load.TakeSegment(), "before Redis stops");
            await redis.RunAsync("stop-server");
            load.Resume();
            down = await WaitForAsync(client, "Redis's failure in health", static h => h.Status("promptwatch:counters:redis") == "Unhealthy" && h.Status("promptwatch:github") == "Degraded");
            Assert.Contains(redisEndpoint, down.Description("promptwatch:counters:redis"), StringComparison.Ordinal);
            Assert.DoesNotContain(redisPassword, down.Text, StringComparison.Ordinal);
            // The queue fills while deliveries cannot be counted: GitHub is answered 503, and the test resends them as
            // GitHub's redeliver would.
            var refusedBefore = load.Refused;
            await WaitUntilAsync("a delivery refused with 503 while the queue is full", () => load.Refused > refusedBefore);
            await WaitForServedAsync(load, "readers while Redis is down", deliveries: false);
            await redis.RunAsync("start-server");
            await WaitForAsync(client, "Redis's recovery", static h => h.Status("promptwatch:counters:redis") is "Healthy" or "Degraded" && h.Status("promptwatch:github") == "Healthy");
            outages++;
            await WaitForServedAsync(load, "readers and deliveries after every outage");
            // Paused before it stops: stopping cancels a delivery in flight, which the host may have accepted already
            // (counted, though the sender never saw its 202).
            await load.PauseAsync();
        }
        finally
        {
            load.Stop();
            await Task.WhenAll([.. readers, sender]);
        }

        await WaitForCountedAsync(client, raw, load.TakeSegment(), "after Redis came back");
        await WaitForAsync(client, "everything healthy at the end", static h => h.Overall == "Healthy");

        Assert.Empty(load.Failures);
        Assert.Equal(3, outages);
        output.WriteLine($"api/changes requests answered 200: {load.Served}; deliveries answered 202 and counted once: {load.Counted}; " +
            $"redeliveries of counted deliveries (202, not counted again): {load.Redelivered}; deliveries answered 503 and resent: {load.Refused}; outages survived: {outages}");
    }

    private static async Task WaitForServedAsync(Load load, string what, bool deliveries = true)
    {
        var (served, accepted) = (load.Served, load.Accepted);
        await WaitUntilAsync(what, () => load.Served >= served + Readers && (!deliveries || load.Accepted > accepted));
    }

    private static async Task WaitUntilAsync(string what, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until health (<c>/health/detailed</c>) meets the condition, and returns that report.</summary>
    private async Task<Health> WaitForAsync(HttpClient client, string what, Func<Health, bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            using var response = await client.GetAsync(new Uri("health/detailed", UriKind.Relative));
            var health = new Health(await response.Content.ReadAsStringAsync());
            // Unhealthy answers 503 (documented); Healthy and Degraded 200; nothing else.
            Assert.Equal(health.Overall == "Unhealthy" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, response.StatusCode);
            if (condition(health))
            {
                output.WriteLine($"{what}: {health.Overall}; {health.Summary}");
                return health;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; health: {health.Text}");
            await Task.Delay(100);
        }
    }

    private static async Task WaitForChangeAsync(HttpClient client, string sha)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!(await client.GetStringAsync(new Uri("api/changes?limit=50", UriKind.Relative))).Contains(sha, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"commit {sha} did not reach api/changes");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until Redis's <c>pushes</c> counters (every week's, so that a run across Monday 00:00 counts as well) add
    /// up to the deliveries accepted, with the queue empty, then checks that they stay so: none lost, none counted twice.
    /// </summary>
    private async Task WaitForCountedAsync(HttpClient client, ConnectionMultiplexer raw, int expected, string when)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var counted = await CountedAsync(raw);
            Assert.True(counted <= expected, $"{when}: {counted} pushes counted for {expected} deliveries");
            using var response = await client.GetAsync(new Uri("api/monitor/health", UriKind.Relative));
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var queued = document.RootElement.GetProperty("queued").GetInt32();
            if (counted == expected && queued == 0) break;
            Assert.True(DateTime.UtcNow < deadline, $"{when}: {counted} pushes counted for {expected} deliveries, {queued} queued");
            await Task.Delay(100);
        }

        Assert.Equal(expected, await CountedAsync(raw));
        output.WriteLine($"{when}: {expected} deliveries counted once each");
    }

    private static async Task<long> CountedAsync(ConnectionMultiplexer raw)
    {
        // The test's own Redis holds nothing but this host's keys.
        var server = raw.GetServers().Single();
        long total = 0;
        await foreach (var key in server.KeysAsync(pattern: "promptwatch:github:week:*:pushes")) total += (long)await raw.GetDatabase().StringGetAsync(key);
        return total;
    }

    /// <summary>The <c>/health/detailed</c> report.</summary>
    private sealed class Health(string text)
    {
        private readonly Dictionary<string, (string Status, string Description)> _checks = JsonDocument.Parse(text).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(static c => c.GetProperty("name").GetString()!, static c => (c.GetProperty("status").GetString()!, c.GetProperty("description").GetString() ?? ""), StringComparer.Ordinal);

        public string Text { get; } = text;

        /// <summary>Each check's name, status and description on one line.</summary>
        public string Summary => string.Join("; ", _checks.Select(static c => $"{c.Key} {c.Value.Status}: {c.Value.Description}"));

        public string Overall { get; } = JsonDocument.Parse(text).RootElement.GetProperty("status").GetString()!;

        public string? Status(string check) => Find(check)?.Status;

        public string Description(string check) => Find(check)?.Description ?? "";

        // A name ending in ':' stands for the one check whose name starts with it.
        private (string Status, string Description)? Find(string check) => check.EndsWith(':')
            ? _checks.Where(c => c.Key.StartsWith(check, StringComparison.Ordinal)).Select(static c => ((string, string)?)c.Value).SingleOrDefault()
            : _checks.TryGetValue(check, out var entry) ? entry : null;
    }

    /// <summary>
    /// The clients: readers of <c>api/changes</c> that expect 200 every time, and a sender of signed <c>push</c>
    /// deliveries (one new commit each) that resends a delivery answered 503 and now and then redelivers one already
    /// accepted, as GitHub's redeliver button does. Anything else is a failure.
    /// </summary>
    private sealed class Load(HttpClient client) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _lock = new();
        private readonly List<string> _segment = [];
        private volatile bool _pause;
        private volatile bool _idle;
        private int _served;
        private int _accepted;
        private int _counted;
        private int _refused;
        private int _redelivered;

        public ConcurrentQueue<string> Failures { get; } = new();

        public int Served => Volatile.Read(ref _served);

        public int Accepted => Volatile.Read(ref _accepted);

        public int Counted => Volatile.Read(ref _counted);

        public int Refused => Volatile.Read(ref _refused);

        public int Redelivered => Volatile.Read(ref _redelivered);

        public async Task ReadAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("api/changes", UriKind.Relative), _stop.Token);
                    await response.Content.LoadIntoBufferAsync(_stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref _served);
                    else Failures.Enqueue($"api/changes answered {(int)response.StatusCode}");
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                }
                catch (HttpRequestException e)
                {
                    Failures.Enqueue($"api/changes failed: {e.Message}");
                }
            }
        }

        public async Task SendAsync()
        {
            var number = 0;
            while (!_stop.IsCancellationRequested)
            {
                if (_pause)
                {
                    _idle = true;
                    await Task.Delay(20);
                    continue;
                }

                _idle = false;
                number++;
                var id = Guid.NewGuid().ToString();
                try
                {
                    if (!await DeliverAsync(id)) return;
                    lock (_lock) _segment.Add(id);
                    Interlocked.Increment(ref _accepted);
                    if (number % 10 == 0)
                    {
                        string again;
                        lock (_lock) again = _segment[number % _segment.Count];
                        if (!await DeliverAsync(again)) return;
                        Interlocked.Increment(ref _redelivered);
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        /// <summary>Delivers until answered 202 (true), or until the test stops (false).</summary>
        private async Task<bool> DeliverAsync(string id)
        {
            // The same body for every delivery of one id, as GitHub's redeliver sends it.
            var commit = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..40];
            var body = Encoding.UTF8.GetBytes($$$"""{"ref":"refs/heads/main","commits":[{"id":"{{{commit}}}","distinct":true,"added":[],"modified":["x"],"removed":[]}],"repository":{"full_name":"octo/app"}}""");
            var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body));
            while (!_stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/monitor/webhook") { Content = new ByteArrayContent(body) };
                request.Headers.Add("X-GitHub-Event", "push");
                request.Headers.Add("X-GitHub-Delivery", id);
                request.Headers.Add("X-Hub-Signature-256", signature);
                using var response = await client.SendAsync(request, _stop.Token);
                if (response.StatusCode == HttpStatusCode.Accepted) return true;
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    Failures.Enqueue($"a delivery was answered {(int)response.StatusCode}");
                    return false;
                }

                Interlocked.Increment(ref _refused);
                // GitHub's redeliver comes later, not in a tight loop.
                await Task.Delay(100, _stop.Token);
            }

            return false;
        }

        /// <summary>The deliveries accepted since the last call, each counted once; starts the next segment.</summary>
        public int TakeSegment()
        {
            lock (_lock)
            {
                var count = _segment.Count;
                _counted += count;
                _segment.Clear();
                return count;
            }
        }

        /// <summary>Stops sending deliveries (readers go on) and returns once no delivery is in flight.</summary>
        public async Task PauseAsync()
        {
            _idle = false;
            _pause = true;
            await WaitUntilAsync("the sender to pause", () => _idle);
        }

        public void Resume() => _pause = false;

        public void Stop() => _stop.Cancel();

        public void Dispose() => _stop.Dispose();
    }
}
