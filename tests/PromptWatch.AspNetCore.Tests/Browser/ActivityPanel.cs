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
        await PostAsync(baseAddress, """{"ref":"refs/heads/main","commits":[""" + list + """],"repository":{"full_name":"octo/app"}}""");
        await WaitForAsync(baseAddress, "api/monitor/counters", $"\"commits\":{commits}");
    }

    /// <summary>Posts <paramref name="count"/> signed pushes that each add a sensitive file (an alert each) and waits until they are listed.</summary>
    public static async Task SensitivePushesAsync(string baseAddress, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await PostAsync(baseAddress, $$$"""{"ref":"refs/heads/main","commits":[{"id":"s{{{i}}}","distinct":true,"url":"https://github.com/octo/app/commit/s{{{i}}}","added":["deploy/key-{{{i}}}.pem"],"modified":[],"removed":[]}],"repository":{"full_name":"octo/app"}}""");
        }

        await WaitForAsync(baseAddress, "api/monitor/dashboard", $"deploy/key-{count - 1}.pem");
    }

    private static async Task PostAsync(string baseAddress, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/monitor/webhook") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task WaitForAsync(string baseAddress, string path, string text)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
        var deadline = DateTime.UtcNow.AddSeconds(60); // a bound for "does not hang", not for speed
        while (!(await client.GetStringAsync(new Uri(path, UriKind.Relative))).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} never showed {text}");
            await Task.Delay(20);
        }
    }
}
