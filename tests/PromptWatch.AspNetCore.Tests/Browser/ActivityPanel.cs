using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>Feeds the sample host's webhook receiver, so that the dashboard's Activity panel has data.</summary>
internal static class ActivityPanel
{
    public const string Secret = "browser-test-webhook-secret";

    /// <summary>Posts one signed push of <paramref name="commits"/> commits and waits until it is counted.</summary>
    public static async Task PushAsync(string baseAddress, int commits)
    {
        var list = string.Join(',', Enumerable.Range(0, commits).Select(i => $$"""{"id":"c{{i}}","distinct":true,"added":[],"modified":["README.md"],"removed":[]}"""));
        var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","commits":[""" + list + """],"repository":{"full_name":"octo/app"}}""");
        using var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/monitor/webhook") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60); // a bound for "does not hang", not for speed
        while (!(await client.GetStringAsync(new Uri("api/monitor/counters", UriKind.Relative))).Contains($"\"commits\":{commits}", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the push was not counted");
            await Task.Delay(20);
        }
    }
}
