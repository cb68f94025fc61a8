using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>Forged, missing and truncated signatures, replays, oversized and malformed bodies: refused or acknowledged, never counted.</summary>
public sealed class ReceiverRefusalTests
{
    private static readonly byte[] Push = Payloads.Push("main", "octo/app", ("c1", [], ["src/a.cs"]));

    /// <summary>After the refused posts, one valid delivery: once it is processed, only it has been counted.</summary>
    private static async Task AssertOnlySentinelCountedAsync(GitHubHost host)
    {
        // Small, so that it passes the tightened size cap too.
        using var sentinel = await host.PostAsync("issues", """{"action":"opened","issue":{"number":1,"title":"Sentinel","labels":[]},"repository":{"full_name":"octo/app"}}"""u8.ToArray());
        Assert.Equal(HttpStatusCode.Accepted, sentinel.StatusCode);
        await host.WaitProcessedAsync(1);
        var counters = await host.CountersAsync();
        Assert.Equal(1, counters["issues_opened"]);
        Assert.Equal(1, counters.Values.Sum());
        Assert.Equal(1, await host.ProcessedAsync());
    }

    [Fact]
    public async Task Bad_signatures_are_refused_and_count_nothing()
    {
        await using var host = await GitHubHost.StartAsync();
        var valid = GitHubHost.Sign(Push);
        var cases = new (string? Signature, HttpStatusCode Status)[]
        {
            (null, HttpStatusCode.Unauthorized),
            (GitHubHost.Sign(Push, "another-secret"), HttpStatusCode.Forbidden),
            (valid[..^8], HttpStatusCode.Forbidden),
            (valid + "00", HttpStatusCode.Forbidden),
            ("sha1=" + valid["sha256=".Length..], HttpStatusCode.Forbidden),
            (valid.ToUpperInvariant(), HttpStatusCode.Forbidden),
            ("sha256=" + new string('z', 64), HttpStatusCode.Forbidden),
            (GitHubHost.Sign([.. Push, (byte)' ']), HttpStatusCode.Forbidden),
        };
        foreach (var (signature, status) in cases)
        {
            using var response = await host.PostAsync("push", Push, signature: signature);
            Assert.True(status == response.StatusCode, $"{signature}: {(int)response.StatusCode}");
            Assert.DoesNotContain(GitHubHost.Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await AssertOnlySentinelCountedAsync(host);
        Assert.DoesNotContain(GitHubHost.Secret, host.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivery_is_acknowledged_and_counted_once()
    {
        await using var host = await GitHubHost.StartAsync();
        var delivery = Guid.NewGuid().ToString();
        using (var first = await host.PostAsync("push", Push, delivery)) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await host.WaitProcessedAsync(1);
        // Each redelivery after the one before was processed (one arriving while another still waits is not queued at all).
        for (var i = 0; i < 3; i++)
        {
            using var again = await host.PostAsync("push", Push, delivery);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            await host.WaitProcessedAsync(2 + i);
        }

        var counters = await host.CountersAsync();
        Assert.Equal(1, counters["pushes"]);
        Assert.Equal(1, counters["commits"]);
    }

    [Fact]
    public async Task A_redelivery_is_answered_duplicate_with_202_and_a_new_delivery_accepted()
    {
        await using var host = await GitHubHost.StartAsync();
        var delivery = Guid.NewGuid().ToString();
        using (var first = await host.PostAsync("push", Push, delivery))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal("accepted", await AnswerAsync(first));
        }

        await host.WaitProcessedAsync(1);
        using (var again = await host.PostAsync("push", Push, delivery))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            Assert.Equal("duplicate", await AnswerAsync(again));
        }

        await host.WaitProcessedAsync(2);
        using (var other = await host.PostAsync("push", Push))
        {
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
            Assert.Equal("accepted", await AnswerAsync(other));
        }

        await host.WaitProcessedAsync(3);
        Assert.Equal(2, (await host.CountersAsync())["pushes"]);
    }

    private static async Task<string?> AnswerAsync(HttpResponseMessage response)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("status").GetString();
    }

    [Fact]
    public async Task Malformed_bodies_and_missing_headers_are_400_and_count_nothing()
    {
        await using var host = await GitHubHost.StartAsync();
        foreach (var body in new[] { "{\"ref\": "u8.ToArray(), "not json"u8.ToArray(), "[1,2]"u8.ToArray(), "\"text\""u8.ToArray(), "{\"commits\": 5}"u8.ToArray(), Push[..(Push.Length / 2)], [] })
        {
            using var response = await host.PostAsync("push", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var unknown = await host.PostAsync("star", "{oops"u8.ToArray())) Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using (var noEvent = await host.PostAsync("push", Push, withEvent: false)) Assert.Equal(HttpStatusCode.BadRequest, noEvent.StatusCode);
        using (var badDelivery = await host.PostAsync("push", Push, delivery: "../../etc")) Assert.Equal(HttpStatusCode.BadRequest, badDelivery.StatusCode);
        await AssertOnlySentinelCountedAsync(host);
    }

    [Fact]
    public async Task Oversized_bodies_are_413_also_when_Content_Length_is_absent_or_lies()
    {
        await using var host = await GitHubHost.StartAsync(o => o.MaxBodyBytes = 4096);
        var big = Payloads.With("push/with-new-branch.payload.json", p => p["padding"] = new string('x', 5000));
        using (var response = await host.PostAsync("push", big)) Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        // Chunked: no Content-Length at all.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/monitor/webhook") { Content = new StreamContent(new MemoryStream(big)) })
        {
            request.Headers.TransferEncodingChunked = true;
            request.Headers.Add("X-GitHub-Event", "push");
            request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
            request.Headers.Add("X-Hub-Signature-256", GitHubHost.Sign(big));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        // The default limit is GitHub's 25 MB.
        Assert.Equal(25 * 1024 * 1024, new GitHubWebhookOptions().MaxBodyBytes);
        await AssertOnlySentinelCountedAsync(host);
    }

    [Fact]
    public async Task Without_a_secret_the_host_does_not_start_and_names_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await GitHubHost.StartAsync(o => o.Secret = null));
        Assert.Contains("PromptWatch:GitHub:Secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowUnsigned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowUnsigned_accepts_unsigned_deliveries_with_a_warning()
    {
        await using var host = await GitHubHost.StartAsync(o =>
        {
            o.Secret = null;
            o.AllowUnsigned = true;
        });
        using var response = await host.PostAsync("push", Push, signature: null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.WaitProcessedAsync(1);
        Assert.Equal(1, (await host.CountersAsync())["pushes"]);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("WITHOUT signatures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signature_is_still_checked_when_AllowUnsigned_is_set_with_a_secret()
    {
        await using var host = await GitHubHost.StartAsync(o => o.AllowUnsigned = true);
        using var response = await host.PostAsync("push", Push, signature: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
