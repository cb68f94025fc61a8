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
/// paths (a remote that cannot be reached with a password; the real Git server, S3 gateway and Redis each refusing a
/// wrong password or secret key; forged and valid webhook deliveries; calls with and without a token), with log
/// redaction on: no secret appears in any log line (message, state and scopes, at Trace level), response body or
/// response header, health document, configuration, info, status or metrics document.
/// </summary>
public sealed class NoSecretAnywhereTests : IDisposable
{
    private const string GitPassword = "git-password-5a1c9e";
    private const string S3SecretKey = "s3-secret-key-77d0b3";
    private const string WebhookSecret = "webhook-secret-3f8e21";
    private const string JwtKey = "jwt-signing-key-of-at-least-32-bytes-9c4d";
    private const string AlertToken = "alert-path-token-b61f0a";
    private const string SlackToken = "slack-path-token-0e7d42";
    private const string ServerGitPassword = "server-git-password-d24a07";
    private const string ServerS3SecretKey = "server-s3-secret-key-61be9f";
    private const string RedisPassword = "redis-password-a83c5e";
    private const string RedactionKey = "cmVkYWN0aW9uLWtleS1vZi0zMi1ieXRlcy0tLS00YjEz";
    private static readonly string[] Secrets = [GitPassword, S3SecretKey, WebhookSecret, JwtKey, AlertToken, SlackToken, ServerGitPassword, ServerS3SecretKey, RedisPassword, RedactionKey];

    private readonly WatchedRepository _repository = new();
    private readonly JsonLogCapture _logs = new();
    private readonly List<string> _responses = [];
    private string? _published;

    [Fact]
    public async Task No_secret_appears_in_logs_responses_or_headers()
    {
        // The real services, each given a wrong secret: their refusals are failure paths too.
        using var git = await SharedService.StartAsync("git-server", "PROMPTWATCH_TEST_GIT_HTTP_URL", "PROMPTWATCH_TEST_GIT_");
        using var s3 = await SharedService.StartAsync("s3-server", "PROMPTWATCH_TEST_S3_ENDPOINT", "PROMPTWATCH_TEST_S3_");
        using var redis = await SharedService.StartAsync("redis-server", "PROMPTWATCH_TEST_REDIS", "PROMPTWATCH_TEST_REDIS");
        var unique = Guid.NewGuid().ToString("N")[..8];
        _published = Path.Combine(git.Settings["PROMPTWATCH_TEST_GIT_REPO_ROOT"], "no-secret-" + unique);
        var bare = Path.Combine(_published, "service.git");
        Directory.CreateDirectory(_published);
        _repository.Repository.Git("clone", "--quiet", "--bare", _repository.Path, bare);
        Assert.NotEqual(RedisPassword, redis.Settings["PROMPTWATCH_TEST_REDIS_PASSWORD"]);

        await using var host = new PromptWatchHost(_repository.Path, configureServices: _logs.AddTo, settings: new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["PromptWatch:Repositories:1:Name"] = "remote",
            ["PromptWatch:Repositories:1:Location"] = "http://127.0.0.1:9/team/remote.git",
            ["PromptWatch:Repositories:1:Username"] = "deploy",
            ["PromptWatch:Repositories:1:Password"] = GitPassword,
            // On the real server, with a user name it does not know and a password it would not take.
            ["PromptWatch:Repositories:2:Name"] = "server",
            ["PromptWatch:Repositories:2:Location"] = $"{git.Settings["PROMPTWATCH_TEST_GIT_HTTP_URL"]}/no-secret-{unique}/service.git",
            ["PromptWatch:Repositories:2:Username"] = "reader-" + unique,
            ["PromptWatch:Repositories:2:Password"] = ServerGitPassword,
            // The real S3 gateway with its access key and a wrong secret key: every request's signature is refused.
            ["PromptWatch:S3:Endpoint"] = s3.Settings["PROMPTWATCH_TEST_S3_ENDPOINT"],
            ["PromptWatch:S3:AccessKey"] = s3.Settings["PROMPTWATCH_TEST_S3_ACCESS_KEY"],
            ["PromptWatch:S3:SecretKey"] = ServerS3SecretKey,
            ["PromptWatch:S3:Bucket"] = "reports",
            ["PromptWatch:S3:Timeout"] = "00:00:30",
            // An unreachable workspace store keeps the unreachable-S3 path with its own secret key.
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/service.git",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.example.test",
            ["PromptWatch:Workspaces:S3Endpoint"] = "http://127.0.0.1:9",
            ["PromptWatch:Workspaces:Credentials:user7:GitPassword"] = GitPassword,
            ["PromptWatch:Workspaces:Credentials:user7:S3AccessKey"] = "workspace-access-key",
            ["PromptWatch:Workspaces:Credentials:user7:S3SecretKey"] = S3SecretKey,
            // Real Redis with a wrong password.
            ["PromptWatch:Redis:Configuration"] = $"{redis.Settings["PROMPTWATCH_TEST_REDIS"]},password={RedisPassword}",
            ["PromptWatch:Redis:ConnectTimeout"] = "00:00:15",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:15",
            ["PromptWatch:Redis:HealthCheckTimeout"] = "00:00:15",
            ["PromptWatch:GitHub:MaxRetryDelay"] = "00:00:01",
            ["PromptWatch:Logging:RedactionKey"] = RedactionKey,
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
            foreach (var path in new[] { "health/detailed", "health/status", "api/monitor/counters", "api/monitor/dashboard", "admin/config", "info", "status", "metrics", "metrics/json", "metrics/registries" })
            {
                await SendAsync(client, HttpMethod.Get, path, bearer);
            }
        }

        // A workspace whose repository and result store cannot be reached, opened with its user's token.
        await SendAsync(client, HttpMethod.Get, "user7/apps.example.test/api/changes", Token(JwtKey, "user7"));

        var body = """{"ref":"refs/heads/main","commits":[{"id":"a1","distinct":true,"added":[],"modified":["x"],"removed":[]}],"repository":{"full_name":"octo/app"}}"""u8.ToArray();
        Assert.Equal(HttpStatusCode.Forbidden, await DeliverAsync(client, body, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("forged"u8, body))));
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(client, body, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body))));
        // The failure paths have run: the remote could not be reached, the Git server refused the password, S3 the
        // signature and Redis the password.
        await WaitForAsync(() => _logs.Lines.Any(static l => l.Contains("repository remote failed", StringComparison.Ordinal)), "the remote's refresh failure");
        await WaitForAsync(() => _logs.Lines.Any(static l => l.Contains("repository server failed", StringComparison.Ordinal) && l.Contains("authentication failed", StringComparison.Ordinal)), "the Git server's refusal");
        await WaitForAsync(() => _logs.Lines.Any(static l => l.Contains("Listing evaluation results", StringComparison.Ordinal) && l.Contains("rejected the request signature", StringComparison.Ordinal)), "the S3 gateway's refusal");
        await WaitForAsync(() => _logs.Lines.Any(static l => l.Contains("The counter store failed", StringComparison.Ordinal) && l.Contains("refused the credentials", StringComparison.Ordinal)), "Redis' refusal");
        foreach (var path in new[] { "health/detailed", "health/status", "admin/config", "info", "status", "metrics", "metrics/json", "api/repositories", "api/s3-debug", "api/monitor/counters" })
        {
            await SendAsync(client, HttpMethod.Get, path, token);
        }

        await SendAsync(client, HttpMethod.Get, "user7/apps.example.test/api/repositories", Token(JwtKey, "user7"));

        Assert.NotEmpty(_logs.Lines);
        var found = Secrets.SelectMany(secret => _logs.Lines.Concat(_responses).Where(text => text.Contains(secret, StringComparison.Ordinal)).Select(text => $"{secret} in: {text}")).ToList();
        Assert.True(found.Count == 0, string.Join("\n\n", found));
    }

    private static string Token(string key, string subject = "reader") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", subject)]),
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
        _responses.Add($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} {(int)response.StatusCode}\n" + string.Join('\n', headers) + "\n\n" + body);
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

    public void Dispose()
    {
        // The repository published on the (possibly shared) Git server goes with the test.
        if (_published is not null && Directory.Exists(_published)) Directory.Delete(_published, recursive: true);
        _repository.Dispose();
    }
}
