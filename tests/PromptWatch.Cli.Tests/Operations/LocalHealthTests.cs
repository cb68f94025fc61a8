using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;
using PromptWatch.Server;

namespace PromptWatch.Cli.Tests.Operations;

/// <summary>
/// <c>health --config</c> builds the server composition's checks from a settings file and runs them once in this
/// process: a real Git repository (the demo, a <c>file://</c> clone) with a results folder is Healthy; the same with an
/// S3 bucket and a Redis counter store on ports where nothing listens is Unhealthy, with one line per failing check
/// and neither secret in what is printed; the report has the shape of a host's <c>/health/detailed</c> on the same
/// settings. The resource checks are off: the machine's load is not what these measure.
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class LocalHealthTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>, IDisposable
{
    private const string S3Secret = "s3-secret-never-printed";
    private const string RedisPassword = "redis-password-never-printed";
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_reachable_repository_and_results_folder_are_healthy_with_exit_code_0()
    {
        var config = await WriteSettingsAsync("healthy.json", extra: null);

        var result = await CliRunner.RunAsync("health", "--config", config);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal($"Healthy (healthy.json){Environment.NewLine}", result.Output);

        var detailed = await CliRunner.RunAsync("health", "--config", config, "--json");
        Assert.Equal(0, detailed.ExitCode);
        using var document = JsonDocument.Parse(detailed.Output);
        Assert.Equal("Healthy", document.RootElement.GetProperty("status").GetString());
        var names = document.RootElement.GetProperty("checks").EnumerateArray().Select(static c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("promptwatch:prompts", names);
        Assert.Contains("configuration", names);
        Assert.Contains(names, static n => n!.StartsWith("promptwatch:results:0:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreachable_s3_and_redis_are_unhealthy_with_one_line_per_failing_check_and_no_secret()
    {
        var s3 = ClosedPort();
        var redis = ClosedPort();
        var config = await WriteSettingsAsync("unreachable.json", new
        {
            S3 = new { Endpoint = $"http://127.0.0.1:{s3}", AccessKey = "access-key-id", SecretKey = S3Secret, Bucket = "reports", Region = "us-east-1" },
            Redis = new { Configuration = $"127.0.0.1:{redis},password={RedisPassword}", ConnectTimeout = "00:00:02", HealthCheckTimeout = "00:00:02" },
        });

        var result = await CliRunner.RunAsync("health", "--config", config);

        Assert.True(result.ExitCode == 2, result.Output + result.Error);
        var lines = result.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Unhealthy (unreachable.json)", lines[0]);
        var failing = lines.Skip(1).ToList();
        Assert.Contains(failing, static l => l.StartsWith("  promptwatch:counters:redis: Unhealthy: ", StringComparison.Ordinal));
        Assert.Contains(failing, static l => l.StartsWith("  promptwatch:results:", StringComparison.Ordinal) && !l.Contains(": Healthy: ", StringComparison.Ordinal));
        Assert.DoesNotContain(failing, static l => l.StartsWith("  promptwatch:prompts:", StringComparison.Ordinal));
        var everything = result.Output + result.Error + (await CliRunner.RunAsync("health", "--config", config, "--json")).Output;
        Assert.DoesNotContain(S3Secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(RedisPassword, everything, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_local_report_has_the_shape_of_the_hosts_health_detailed_for_the_same_settings(bool unreachable)
    {
        // Unreachable: failing checks, whose entries carry an exception and perhaps no description of their own.
        var config = await WriteSettingsAsync(unreachable ? "same-unreachable.json" : "same.json", unreachable
            ? new { Redis = new { Configuration = $"127.0.0.1:{ClosedPort()},password={RedisPassword}", ConnectTimeout = "00:00:02", HealthCheckTimeout = "00:00:02" } }
            : null);
        var local = await CliRunner.RunAsync("health", "--config", config, "--json");
        Assert.True(local.ExitCode == (unreachable ? 2 : 0), local.Output + local.Error);

        var app = PromptWatchServer.CreateApplication(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddJsonFile(config, optional: false, reloadOnChange: false);
            builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "None")]);
        });
        string hosted;
        await using (app)
        {
            await app.StartAsync();
            try
            {
                var monitor = app.Services.GetRequiredService<PromptWatchMonitor>();
                await monitor.RefreshAsync();
                await monitor.RefreshResultsAsync(CancellationToken.None);
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
                using var client = new HttpClient();
                using var response = await client.GetAsync(new Uri(address + "/health/detailed"));
                Assert.Equal(unreachable ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, response.StatusCode);
                hosted = await response.Content.ReadAsStringAsync();
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }

        using var localDocument = JsonDocument.Parse(local.Output);
        using var hostedDocument = JsonDocument.Parse(hosted);
        Assert.Equal(Shape(hostedDocument.RootElement), Shape(localDocument.RootElement));
        Assert.Equal(Checks(hostedDocument.RootElement), Checks(localDocument.RootElement));
    }

    /// <summary>Every property name and value kind, in order; values themselves (durations, times) left out.</summary>
    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(static p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Shape)) + "]",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => element.ValueKind.ToString(),
    };

    /// <summary>
    /// Each check's name, status, tags and description: a healthy check's text, a failing one's kind only (the error it
    /// reports, such as a connection attempt's, is not the same twice).
    /// </summary>
    private static List<string> Checks(JsonElement root) =>
        root.GetProperty("checks").EnumerateArray()
            .Select(static c => string.Join(" | ", c.GetProperty("name").GetString(), c.GetProperty("status").GetString(), string.Join(",", c.GetProperty("tags").EnumerateArray().Select(static t => t.GetString())),
                c.GetProperty("status").GetString() == "Healthy" ? c.GetProperty("description").ToString() : c.GetProperty("description").ValueKind.ToString()))
            .ToList();

    [Fact]
    public async Task Url_and_config_together_or_a_missing_file_are_one_line_and_exit_code_2()
    {
        var both = await CliRunner.RunAsync("health", "--config", _folder.Combine("settings.json"), "--url", "http://127.0.0.1:1");
        Assert.Equal(2, both.ExitCode);
        Assert.Equal($"promptwatch: --url reads a running host and --config runs the checks here: give one of them.{Environment.NewLine}", both.Error);

        var missing = await CliRunner.RunAsync("health", "--config", _folder.Combine("missing.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.EndsWith($"missing.json: no such file.{Environment.NewLine}", missing.Error, StringComparison.Ordinal);
    }

    private async Task<string> WriteSettingsAsync(string name, object? extra)
    {
        var results = Directory.CreateDirectory(_folder.Combine("results-" + name)).FullName;
        var promptWatch = new Dictionary<string, object>
        {
            ["Repositories"] = new[] { new { Name = "prompts", Location = new Uri(demo.Path).AbsoluteUri } },
            ["CacheDirectory"] = _folder.Combine("cache-" + name),
            ["Health"] = new { Resources = new { HealthChecks = new { Enabled = false } } },
        };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject()) promptWatch[property.Name] = property.Value;
        }

        var path = _folder.Combine(name);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            PromptWatch = promptWatch,
            Sample = new { ResultsDirectory = results, DataDirectory = _folder.Combine("data-" + name) },
        }));
        return path;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _folder.Dispose();
}
