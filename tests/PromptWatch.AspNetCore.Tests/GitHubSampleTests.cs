using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>The sample web host's GitHub set-up: the receiver with GITHUB_WEBHOOK_SECRET, data endpoints under HS256 JWT with JWT_SECRET_KEY.</summary>
public sealed class GitHubSampleTests : IDisposable
{
    private const string WebhookSecret = "sample-webhook-secret";
    private const string JwtKey = "sample-jwt-key-of-at-least-32-bytes!!";
    private readonly WatchedRepository _repository = new();

    private PromptWatchHost Host(bool configured) => new(_repository.Path, settings: configured
        ? new Dictionary<string, string> { ["GITHUB_WEBHOOK_SECRET"] = WebhookSecret, ["JWT_SECRET_KEY"] = JwtKey }
        : null);

    private static string Token(string key, DateTime expires, string algorithm = SecurityAlgorithms.HmacSha256) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "reader")]),
        NotBefore = expires.AddHours(-2),
        IssuedAt = expires.AddHours(-2),
        Expires = expires,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
    });

    private static async Task<HttpStatusCode> GetStatusAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_valid_token_reads_counters_and_none_forged_or_expired_gets_401()
    {
        await using var host = Host(configured: true);
        var client = host.CreateClient();
        var valid = Token(JwtKey, DateTime.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(client, "api/monitor/counters", valid));
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(client, "api/monitor/dashboard", valid));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetStatusAsync(client, "api/monitor/counters", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetStatusAsync(client, "api/monitor/counters", Token("another-key-that-is-also-32-bytes-long", DateTime.UtcNow.AddHours(1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetStatusAsync(client, "api/monitor/counters", Token(JwtKey, DateTime.UtcNow.AddHours(-1))));
        var parts = valid.Split('.');
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".";
        Assert.Equal(HttpStatusCode.Unauthorized, await GetStatusAsync(client, "api/monitor/counters", unsigned));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetStatusAsync(client, "api/monitor/trend/commits", null));
        using (var reset = await client.PostAsync(new Uri("api/monitor/reset-weekly", UriKind.Relative), null)) Assert.Equal(HttpStatusCode.Unauthorized, reset.StatusCode);
        // Health stays public.
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(client, "api/monitor/health", null));
    }

    [Fact]
    public async Task The_webhook_is_public_but_signed_and_its_counts_reach_the_dashboard()
    {
        await using var host = Host(configured: true);
        var client = host.CreateClient();
        var body = """{"ref":"refs/heads/main","commits":[{"id":"a1","distinct":true,"added":[],"modified":["x"],"removed":[]}],"repository":{"full_name":"octo/app"}}"""u8.ToArray();
        using (var unsigned = await PostAsync(client, body, null)) Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        using (var signed = await PostAsync(client, body, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body)))) Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/monitor/dashboard");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(JwtKey, DateTime.UtcNow.AddHours(1)));
        var deadline = DateTime.UtcNow.AddSeconds(60); // a bound for "does not hang", not for speed
        while (true)
        {
            using var attempt = new HttpRequestMessage(HttpMethod.Get, "api/monitor/dashboard");
            attempt.Headers.Authorization = request.Headers.Authorization;
            using var response = await client.SendAsync(attempt);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (document.RootElement.GetProperty("counters").GetProperty("pushes").GetInt64() == 1) break;
            Assert.True(DateTime.UtcNow < deadline, "the push was not counted");
            await Task.Delay(20);
        }

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("data-activity-url=\"api/monitor/dashboard\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configuration_the_receiver_is_off_the_data_endpoints_are_anonymous_and_the_panel_hidden()
    {
        await using var host = Host(configured: false);
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(client, "api/monitor/dashboard", null));
        using var post = await PostAsync(client, "{}"u8.ToArray(), null);
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{post.StatusCode}");
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("data-activity-url=\"\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/monitor/webhook") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        if (signature is not null) request.Headers.Add("X-Hub-Signature-256", signature);
        return await client.SendAsync(request);
    }

    public void Dispose() => _repository.Dispose();
}
