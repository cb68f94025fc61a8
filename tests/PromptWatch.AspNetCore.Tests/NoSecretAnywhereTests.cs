using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample host with every secret-bearing setting given a distinct secret, driven through its endpoints and failure
/// paths (a remote that cannot be reached with a password, an S3 store that cannot be reached, forged and valid
/// webhook deliveries, calls with and without a token): no secret appears in any log line (message, state and scopes,
/// at Trace level), response body or response header.
/// </summary>
public sealed class NoSecretAnywhereTests : IDisposable
{
    private const string GitPassword = "git-password-5a1c9e";
    private const string S3SecretKey = "s3-secret-key-77d0b3";
    private const string WebhookSecret = "webhook-secret-3f8e21";
    private const string JwtKey = "jwt-signing-key-of-at-least-32-bytes-9c4d";
    private const string AlertToken = "alert-path-token-b61f0a";
    private const string SlackToken = "slack-path-token-0e7d42";
    private static readonly string[] Secrets = [GitPassword, S3SecretKey, WebhookSecret, JwtKey, AlertToken, SlackToken];

    private readonly WatchedRepository _repository = new();
    private readonly JsonLogCapture _logs = new();
    private readonly List<string> _responses = [];

    [Fact]
    public async Task No_secret_appears_in_logs_responses_or_headers()
    {
        await using var host = new PromptWatchHost(_repository.Path, configureServices: _logs.AddTo, settings: new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["PromptWatch:Repositories:1:Name"] = "remote",
            ["PromptWatch:Repositories:1:Location"] = "http://127.0.0.1:9/team/remote.git",
            ["PromptWatch:Repositories:1:Username"] = "deploy",
            ["PromptWatch:Repositories:1:Password"] = GitPassword,
            ["PromptWatch:S3:Endpoint"] = "http://127.0.0.1:9",
            ["PromptWatch:S3:AccessKey"] = "access-key",
            ["PromptWatch:S3:SecretKey"] = S3SecretKey,
            ["PromptWatch:S3:Bucket"] = "reports",
            ["GITHUB_WEBHOOK_SECRET"] = WebhookSecret,
            ["JWT_SECRET_KEY"] = JwtKey,
            ["PromptWatch:GitHub:Alerts:WebhookUrl"] = $"http://127.0.0.1:9/hooks/{AlertToken}",
            ["PromptWatch:GitHub:Alerts:SlackWebhookUrl"] = $"http://127.0.0.1:9/services/{SlackToken}",
        });
        var client = host.CreateClient();
        var token = Token(JwtKey);
        var forgedToken = Token("another-signing-key-that-is-32-bytes-long");

        await SendAsync(client, HttpMethod.Post, "api/refresh");
        await SendAsync(client, HttpMethod.Post, "api/s3-refresh");
        foreach (var path in new[] { "api/changes", "api/usecases", "api/repositories", "api/s3-debug", "health", "health/live", "health/ready", "/", "openapi/v1.json" })
        {
            await SendAsync(client, HttpMethod.Get, path);
        }

        foreach (var bearer in new[] { null, forgedToken, token })
        {
            await SendAsync(client, HttpMethod.Get, "health/detailed", bearer);
            await SendAsync(client, HttpMethod.Get, "api/monitor/counters", bearer);
            await SendAsync(client, HttpMethod.Get, "api/monitor/dashboard", bearer);
        }

        var body = """{"ref":"refs/heads/main","commits":[{"id":"a1","distinct":true,"added":[],"modified":["x"],"removed":[]}],"repository":{"full_name":"octo/app"}}"""u8.ToArray();
        Assert.Equal(HttpStatusCode.Forbidden, await DeliverAsync(client, body, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("forged"u8, body))));
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(client, body, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body))));
        // The failure paths have run: the remote and the store could not be reached.
        await WaitForAsync(() => _logs.Lines.Any(static l => l.Contains("remote", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal)), "the remote's refresh failure");
        await WaitForAsync(() => _logs.Lines.Any(static l => l.Contains("Listing evaluation results", StringComparison.Ordinal)), "the store's listing failure");
        await SendAsync(client, HttpMethod.Get, "health/detailed", token);

        Assert.NotEmpty(_logs.Lines);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(_logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(_responses, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static string Token(string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "reader")]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });

    private async Task SendAsync(HttpClient client, HttpMethod method, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await client.SendAsync(request);
        Record(response, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpStatusCode> DeliverAsync(HttpClient client, byte[] body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/monitor/webhook") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature);
        using var response = await client.SendAsync(request);
        Record(response, await response.Content.ReadAsStringAsync());
        return response.StatusCode;
    }

    private void Record(HttpResponseMessage response, string body)
    {
        var headers = response.Headers.Concat(response.Content.Headers).Select(static h => $"{h.Key}: {string.Join(", ", h.Value)}");
        _responses.Add(string.Join('\n', headers) + "\n\n" + body);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // a bound for "does not hang", not for speed
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what + " was not logged");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _repository.Dispose();
}
