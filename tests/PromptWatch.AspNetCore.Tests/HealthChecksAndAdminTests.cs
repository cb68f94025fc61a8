using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PromptWatch.AspNetCore.Health;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>The resource, endpoint and configuration checks, per-check timeouts and the status, info and admin routes of the sample.</summary>
public sealed class HealthChecksAndAdminTests : IDisposable
{
    private const string JwtKey = "health-test-jwt-key-of-at-least-32-bytes";
    private readonly WatchedRepository _repository = new();

    public HealthChecksAndAdminTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    public void Dispose() => _repository.Dispose();

    private static Dictionary<string, string> Thresholds(double degraded, double unhealthy)
    {
        var settings = new Dictionary<string, string> { ["PromptWatch:Health:Resources:HealthChecks:Enabled"] = "true" };
        foreach (var resource in new[] { "Cpu", "Memory", "Disk" })
        {
            settings[$"PromptWatch:Health:Resources:{resource}:Degraded"] = degraded.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"PromptWatch:Health:Resources:{resource}:Unhealthy"] = unhealthy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, string name)
    {
        using var response = await client.GetAsync(new Uri("health/checker/" + Uri.EscapeDataString(name), UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData(0, 0, "Unhealthy")]
    [InlineData(0, 100, "Degraded")]
    public async Task Resource_checks_reach_the_state_their_thresholds_give_and_show_the_measured_values(double degraded, double unhealthy, string expected)
    {
        using var host = new PromptWatchHost(_repository.Path, settings: Thresholds(degraded, unhealthy));
        using var client = await host.StartAsync();
        foreach (var name in new[] { "resources:cpu", "resources:memory", "resources:disk" })
        {
            var check = await CheckAsync(client, name);
            // A busy machine can run its CPU at 100 %, which reaches the highest threshold there is: the answer then is
            // the one that reading (in the same answer) gives.
            var state = name == "resources:cpu" && check.GetProperty("data").GetProperty("cpu_percent").GetDouble() >= unhealthy ? "Unhealthy" : expected;
            Assert.Equal(state, check.GetProperty("status").GetString());
        }

        Assert.True((await CheckAsync(client, "resources:cpu")).GetProperty("data").GetProperty("cpu_percent").GetDouble() >= 0);
        Assert.True((await CheckAsync(client, "resources:memory")).GetProperty("data").GetProperty("memory_used_bytes").GetDouble() > 0);
        var disk = (await CheckAsync(client, "resources:disk")).GetProperty("data").GetProperty("disks")[0];
        Assert.True(disk.GetProperty("total_bytes").GetInt64() > 0);
        Assert.InRange(disk.GetProperty("used_percent").GetDouble(), 0, 100);
    }

    [Fact]
    public async Task A_disk_threshold_of_100_percent_is_healthy_and_the_data_folders_are_measured()
    {
        var settings = Thresholds(100, 100);
        settings["PromptWatch:Health:Resources:DataDirectories:0"] = _repository.Path;
        using var host = new PromptWatchHost(_repository.Path, settings: settings);
        using var client = await host.StartAsync();
        var check = await CheckAsync(client, "resources:disk");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        var folders = check.GetProperty("data").GetProperty("disks").EnumerateArray().Select(static d => d.GetProperty("folder").GetString()).ToList();
        Assert.Equal(2, folders.Count);
        Assert.Contains(_repository.Path, folders);
    }

    [Fact]
    public void Bad_health_settings_are_refused_with_messages_naming_the_key()
    {
        var settings = new HealthSettings { CheckTimeout = TimeSpan.Zero };
        settings.Resources.Disk.Unhealthy = 50;
        settings.Resources.Cpu.Degraded = 120;
        settings.Endpoints["api"] = new EndpointCheckSettings { Url = "ftp://example.test/", ExpectedStatus = 42 };
        var result = new HealthSettingsValidator().Validate(null, settings);
        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("PromptWatch:Health:CheckTimeout", failures, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Health:Resources:Disk:Unhealthy must not be below PromptWatch:Health:Resources:Disk:Degraded", failures, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Health:Resources:Cpu:Degraded", failures, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Health:Endpoints:api:Url", failures, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Health:Endpoints:api:ExpectedStatus", failures, StringComparison.Ordinal);
        Assert.False(new HealthSettingsValidator().Validate(null, new HealthSettings()).Failed);
    }

    [Fact]
    public async Task Endpoint_checks_report_each_answer_and_a_hung_endpoint_times_out_alone_without_showing_headers()
    {
        await using var server = await TestHttpServer.StartAsync();
        const string Token = "Bearer endpoint-secret-token-1234";
        var settings = new Dictionary<string, string>
        {
            ["PromptWatch:Health:Endpoints:ok:Url"] = new UriBuilder(new Uri(server.Address, "/ok")) { UserName = "probe", Password = "url-secret-2468", Query = "token=query-secret-1357" }.Uri.ToString(),
            ["PromptWatch:Health:Endpoints:ok:Headers:Authorization"] = Token,
            ["PromptWatch:Health:Endpoints:fail:Url"] = new Uri(server.Address, "/fail").ToString(),
            ["PromptWatch:Health:Endpoints:hung:Url"] = new Uri(server.Address, "/hang").ToString(),
            ["PromptWatch:Health:Endpoints:hung:Timeout"] = "00:00:01",
            ["PromptWatch:Health:Endpoints:hung:Tags:0"] = "external",
        };
        using var host = new PromptWatchHost(_repository.Path, settings: settings);
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri("health/detailed", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var detailed = JsonDocument.Parse(body);
        var checks = detailed.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(static c => c.GetProperty("name").GetString()!, static c => c.Clone());
        Assert.Equal("Healthy", checks["endpoint:ok"].GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks["endpoint:fail"].GetProperty("status").GetString());
        Assert.Contains("answered 500, expected 200", checks["endpoint:fail"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unhealthy", checks["endpoint:hung"].GetProperty("status").GetString());
        Assert.Equal("timed out after 1 s", checks["endpoint:hung"].GetProperty("description").GetString());
        Assert.Equal("external", checks["endpoint:hung"].GetProperty("tags")[0].GetString());
        Assert.Equal("Healthy", checks["promptwatch:service"].GetProperty("status").GetString());
        Assert.Contains(Token, server.AuthorizationHeaders);
        Assert.DoesNotContain("endpoint-secret-token", body, StringComparison.Ordinal);
        Assert.DoesNotContain("url-secret-2468", body, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret-1357", body, StringComparison.Ordinal);
        Assert.StartsWith("http://***@127.0.0.1:", checks["endpoint:ok"].GetProperty("data").GetProperty("url").GetString(), StringComparison.Ordinal);
        var config = await client.GetStringAsync(new Uri("admin/config", UriKind.Relative));
        Assert.DoesNotContain("endpoint-secret-token", config, StringComparison.Ordinal);
        Assert.DoesNotContain("url-secret-2468", config, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret-1357", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_without_a_timeout_of_its_own_gets_the_default_and_status_lists_the_timeouts()
    {
        var settings = new Dictionary<string, string> { ["PromptWatch:Health:CheckTimeout"] = "00:00:01" };
        using var host = new PromptWatchHost(_repository.Path, settings: settings, configureServices: services => services.AddHealthChecks()
            .AddAsyncCheck("never-ends", async cancellationToken =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return HealthCheckResult.Healthy();
            }));
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri("health/checker/never-ends", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using (var check = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Unhealthy", check.RootElement.GetProperty("status").GetString());
            Assert.Equal("timed out after 1 s", check.RootElement.GetProperty("description").GetString());
        }

        Assert.Equal("Healthy", (await CheckAsync(client, "promptwatch:service")).GetProperty("status").GetString());
        using var status = JsonDocument.Parse(await client.GetStringAsync(new Uri("health/status", UriKind.Relative)));
        var listed = status.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(static c => c.GetProperty("name").GetString()!, static c => c.Clone());
        Assert.Equal(1, listed["never-ends"].GetProperty("timeout_seconds").GetDouble());
        Assert.Equal(1, listed["promptwatch:service"].GetProperty("timeout_seconds").GetDouble());
        Assert.Equal("ready", listed["promptwatch:service"].GetProperty("tags")[1].GetString());
        using var overall = await client.GetAsync(new Uri("status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, overall.StatusCode);
        Assert.Equal("Unhealthy", await overall.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_check_answers_404_naming_it()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var response = await client.GetAsync(new Uri("health/checker/no-such-check", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'no-such-check'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configuration_check_is_degraded_without_a_result_store_and_healthy_with_one()
    {
        var settings = new Dictionary<string, string> { ["PromptWatch:Health:Configuration:Enabled"] = "true" };
        using (var host = new PromptWatchHost(_repository.Path, settings: settings))
        {
            using var client = await host.StartAsync();
            var check = await CheckAsync(client, "configuration");
            Assert.Equal("Degraded", check.GetProperty("status").GetString());
            Assert.Contains("no result store is configured", check.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, check.GetProperty("data").GetProperty("repositories").GetInt32());
            Assert.Equal("Degraded", await client.GetStringAsync(new Uri("status", UriKind.Relative)));
        }

        var results = Directory.CreateTempSubdirectory("promptwatch-health-results-");
        try
        {
            using var host = new PromptWatchHost(_repository.Path, resultsDirectory: results.FullName, settings: settings);
            using var client = await host.StartAsync();
            var check = await CheckAsync(client, "configuration");
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
            Assert.Equal(1, check.GetProperty("data").GetProperty("result_stores").GetArrayLength());
            Assert.Equal("Healthy", await client.GetStringAsync(new Uri("status", UriKind.Relative)));
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Info_names_the_host_its_version_runtime_uptime_and_features()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var info = JsonDocument.Parse(await client.GetStringAsync(new Uri("info", UriKind.Relative)));
        var root = info.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.StartsWith(".NET", root.GetProperty("runtime").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("uptime_seconds").GetDouble() >= 0);
        Assert.True(root.GetProperty("started").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.Equal(1, root.GetProperty("features").GetProperty("repositories").GetInt32());
        Assert.False(root.GetProperty("features").GetProperty("redis").GetBoolean());
    }

    [Fact]
    public async Task Admin_config_shows_the_configuration_with_every_secret_redacted_and_needs_a_token_when_authentication_is_on()
    {
        var settings = new Dictionary<string, string>
        {
            ["JWT_SECRET_KEY"] = JwtKey,
            ["PromptWatch:Repositories:0:Username"] = "deploy",
            ["PromptWatch:Repositories:0:Password"] = "repo-password-5678",
            ["PromptWatch:GitHub:Secret"] = "webhook-secret-9012",
            ["Sample:UpstreamUrl"] = "https://alice:url-password-3456@example.test/path",
            ["Sample:Cache"] = "localhost:6379,password=redis-password-7890,ssl=false",
            ["Sample:AccessKey"] = "access-key-1111",
            ["Sample:Plain"] = "visible-value",
        };
        using var host = new PromptWatchHost(_repository.Path, settings: settings);
        using var client = await host.StartAsync();
        using (var anonymous = await client.GetAsync(new Uri("admin/config", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("admin/config", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "admin")]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtKey)), SecurityAlgorithms.HmacSha256),
        }));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var secret in new[] { JwtKey, "repo-password-5678", "webhook-secret-9012", "url-password-3456", "redis-password-7890", "access-key-1111" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        using var config = JsonDocument.Parse(body);
        var root = config.RootElement;
        Assert.Equal("visible-value", root.GetProperty("Sample:Plain").GetString());
        Assert.Equal("deploy", root.GetProperty("PromptWatch:Repositories:0:Username").GetString());
        Assert.Equal("***", root.GetProperty("PromptWatch:Repositories:0:Password").GetString());
        Assert.Equal("https://***@example.test/path", root.GetProperty("Sample:UpstreamUrl").GetString());
        Assert.Equal("localhost:6379,password=***,ssl=false", root.GetProperty("Sample:Cache").GetString());
    }

    [Fact]
    public async Task Without_configuration_the_sample_answers_the_new_routes_and_registers_the_new_checks()
    {
        var data = Directory.CreateTempSubdirectory("promptwatch-health-demo-");
        try
        {
            using (var host = new DemoHost(data.FullName))
            {
                using var client = host.CreateClient();
                // The resource checks measure this machine, which a busy test run can push to Unhealthy (CPU at or above
                // 95 %): the word and the status code must agree, whichever it is.
                using (var word = await client.GetAsync(new Uri("status", UriKind.Relative)))
                {
                    var text = await word.Content.ReadAsStringAsync();
                    Assert.Equal(text == "Unhealthy" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, word.StatusCode);
                    Assert.Contains(text, new[] { "Healthy", "Degraded", "Unhealthy" });
                }

                using (var info = JsonDocument.Parse(await client.GetStringAsync(new Uri("info", UriKind.Relative))))
                {
                    Assert.Equal(1, info.RootElement.GetProperty("features").GetProperty("result_stores").GetArrayLength());
                }

                using var status = JsonDocument.Parse(await client.GetStringAsync(new Uri("health/status", UriKind.Relative)));
                var names = status.RootElement.GetProperty("checks").EnumerateArray().Select(static c => c.GetProperty("name").GetString()).ToList();
                Assert.Contains("resources:cpu", names);
                Assert.Contains("resources:memory", names);
                Assert.Contains("resources:disk", names);
                Assert.Contains("configuration", names);
                Assert.Equal("Healthy", (await CheckAsync(client, "configuration")).GetProperty("status").GetString());
                using var config = await client.GetAsync(new Uri("admin/config", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, config.StatusCode);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private sealed class DemoHost(string dataDirectory) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Sample:DataDirectory", dataDirectory);
            builder.UseSetting("PromptWatch:CacheDirectory", Path.Combine(dataDirectory, "cache"));
        }
    }
}
