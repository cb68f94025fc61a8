using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.GitHub.Receiving;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>
/// The receiver refuses what it can from the headers before it reads a byte of the body, reads at most
/// <c>MaxConcurrentReceipts</c> bodies at once, and checks the signature over a body that arrives in pieces.
/// </summary>
public sealed class ReceiverReadingTests
{
    private const long TwentyFiveMegabytes = 25 * 1024 * 1024;
    private const string Path = "api/monitor/webhook";

    private static Dictionary<string, string> Headers(string? signature, string? eventName = "push", string? delivery = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["X-GitHub-Delivery"] = delivery ?? Guid.NewGuid().ToString() };
        if (eventName is not null) headers["X-GitHub-Event"] = eventName;
        if (signature is not null) headers["X-Hub-Signature-256"] = signature;
        return headers;
    }

    [Fact]
    public async Task Posts_refused_by_their_headers_are_answered_before_a_byte_of_the_body_is_read()
    {
        var counter = new BodyReadCounter();
        await using var host = await GitHubHost.StartAsync(beforeRoutes: counter.Install);
        var wellFormed = "sha256=" + new string('a', 64);
        var cases = new (Dictionary<string, string> Headers, int Status)[]
        {
            (Headers(signature: null), 401),
            (Headers("sha1=" + new string('a', 40)), 403),
            (Headers("sha256=" + new string('z', 64)), 403),
            (Headers(wellFormed[..^2]), 403),
            (Headers(wellFormed, eventName: null), 400),
            (Headers(wellFormed, eventName: "push;rm"), 400),
            (Headers(wellFormed, delivery: "../../etc"), 400),
        };
        foreach (var (headers, status) in cases)
        {
            var (answered, head) = await RawPost.SendAsync(host.Client.BaseAddress!, Path, TwentyFiveMegabytes, headers);
            Assert.True(status == answered, head);
        }

        Assert.Equal(0, counter.Bytes);
        Assert.Equal(0, await host.ProcessedAsync());
    }

    [Fact]
    public async Task A_hundred_concurrent_unsigned_25_MB_posts_read_no_body_and_allocate_little()
    {
        var counter = new BodyReadCounter();
        await using var host = await GitHubHost.StartAsync(beforeRoutes: counter.Install);
        // Warm up connections and code paths, so that what is measured is the posts.
        var (warm, _) = await RawPost.SendAsync(host.Client.BaseAddress!, Path, 1024, Headers(signature: null));
        Assert.Equal(401, warm);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => RawPost.SendAsync(host.Client.BaseAddress!, Path, TwentyFiveMegabytes, Headers(signature: null))));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.All(answers, a => Assert.True(a.Status == 401, a.Head));
        Assert.Equal(0, counter.Bytes);
        // Buffering them would allocate 2.5 GB at the very least; sockets, requests and answers take a few MB.
        Assert.True(allocated < 256L * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public async Task Receipts_beyond_MaxConcurrentReceipts_are_503_with_Retry_After_at_once_and_the_others_complete()
    {
        var counter = new BodyReadCounter();
        await using var host = await GitHubHost.StartAsync(o => o.MaxConcurrentReceipts = 2, beforeRoutes: counter.Install);
        var receipts = host.Services.GetRequiredService<WebhookReceipts>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bodies = Enumerable.Range(0, 2).Select(i => Payloads.Push("main", "octo/app", ($"c{i}", [], ["src/a.cs"]))).ToList();
        var stalled = bodies.Select(body => PostStalledAsync(host, body, release.Task)).ToList();

        // Both are inside the receiver, reading bodies that do not arrive.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (receipts.InFlight < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the stalled posts were not received");
            await Task.Delay(10);
        }

        var (status, head) = await RawPost.SendAsync(host.Client.BaseAddress!, Path, TwentyFiveMegabytes, Headers(GitHubHost.Sign([1, 2, 3])));
        Assert.True(status == 503, head);
        Assert.Contains("Retry-After:", head, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(counter.Bytes, 0, 2); // the first byte of each stalled body, none of the refused one

        release.SetResult();
        foreach (var post in stalled)
        {
            using var response = await post;
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await host.WaitProcessedAsync(2);
        Assert.Equal(2, (await host.CountersAsync())["pushes"]);
        Assert.Equal(0, receipts.InFlight);
        Assert.Equal(bodies.Sum(b => b.Length), counter.Bytes);
    }

    [Fact]
    public async Task A_signature_over_a_body_that_arrives_in_pieces_is_checked_over_all_of_it()
    {
        await using var host = await GitHubHost.StartAsync();
        var body = Payloads.With("push/with-new-branch.payload.json", p => p["padding"] = new string('x', 300_000));
        using (var response = await PostStalledAsync(host, body, Task.CompletedTask, pieceBytes: 1000)) Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var forged = body.ToArray();
        forged[^10] = (byte)' ';
        using (var response = await PostStalledAsync(host, forged, Task.CompletedTask, signature: GitHubHost.Sign(body), pieceBytes: 1000)) Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await host.WaitProcessedAsync(1);
        Assert.Equal(1, (await host.CountersAsync())["pushes"]);
    }

    /// <summary>A signed post whose body sends its first byte, waits for <paramref name="release"/>, then sends the rest in pieces.</summary>
    private static async Task<HttpResponseMessage> PostStalledAsync(GitHubHost host, byte[] body, Task release, string? signature = null, int pieceBytes = 4096)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StalledContent(body, release, pieceBytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentLength = body.Length;
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature ?? GitHubHost.Sign(body));
        return await host.Client.SendAsync(request);
    }

    private sealed class StalledContent(byte[] body, Task release, int pieceBytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, 1));
            await stream.FlushAsync();
            await release;
            for (var offset = 1; offset < body.Length; offset += pieceBytes)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(pieceBytes, body.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
