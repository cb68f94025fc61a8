using System.Net.Sockets;
using System.Text.Json;

namespace PromptWatch.Cli.Tests.Operations;

/// <summary>
/// <c>health</c>, <c>metrics</c>, <c>performance</c> and <c>activity</c> against the full application on loopback,
/// and against a port nothing listens on.
/// </summary>
public sealed class OperationsCommandTests(ServerHostFixture host) : IClassFixture<ServerHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Health_is_healthy_once_the_first_scan_is_done_with_exit_code_0()
    {
        var result = await EventuallyAsync(() => CliRunner.RunAsync("health", "--url", host.Url), static r => r.ExitCode == 0);
        Assert.StartsWith("Healthy (http://127.0.0.1:", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Detailed_health_lists_every_check_and_json_is_the_host_answer()
    {
        var table = await EventuallyAsync(() => CliRunner.RunAsync("health", "--url", host.Url, "--detailed"), static r => r.ExitCode == 0);
        Assert.Contains("| promptwatch:demo", table.Output, StringComparison.Ordinal);
        Assert.Contains("| configuration", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", table.Output, StringComparison.Ordinal);

        var json = await CliRunner.RunAsync("health", "--url", host.Url, "--json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("Healthy", document.RootElement.GetProperty("status").GetString());
        var names = document.RootElement.GetProperty("checks").EnumerateArray().Select(static c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("promptwatch:demo", names);
        Assert.Contains("configuration", names);
    }

    [Fact]
    public async Task An_unreachable_host_is_one_line_and_exit_code_2_for_health_and_1_for_the_others()
    {
        var url = "http://127.0.0.1:" + FreePort();
        var health = await CliRunner.RunAsync("health", "--url", url);
        Assert.Equal(2, health.ExitCode);
        Assert.Equal("", health.Output);
        Assert.Equal($"promptwatch: Cannot reach {url}/health: connection refused or host not found.{Environment.NewLine}", health.Error);

        foreach (var command in new[] { "metrics", "performance", "activity" })
        {
            var result = await CliRunner.RunAsync(command, "--url", url, "--token", "secret-token-value");
            Assert.Equal(PromptWatchCli.UserError, result.ExitCode);
            Assert.Single(result.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"promptwatch: Cannot reach {url}/", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-token-value", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_token_is_one_line_that_names_the_token_option_but_not_the_token()
    {
        using var server = new RefusingHttpServer();
        var url = "http://127.0.0.1:" + server.Port;
        var result = await CliRunner.RunAsync("activity", "--url", url, "--token", "secret-token-value");
        Assert.Equal(PromptWatchCli.UserError, result.ExitCode);
        Assert.Equal($"promptwatch: {url}/api/monitor/dashboard answered 401 Unauthorized: pass a bearer token with --token or PROMPTWATCH_TOKEN.{Environment.NewLine}", result.Error);
        Assert.Equal("Bearer secret-token-value", Assert.Single(server.Authorizations));

        var health = await CliRunner.RunAsync("health", "--url", url, "--detailed");
        Assert.Equal(2, health.ExitCode);
        Assert.StartsWith($"promptwatch: {url}/health/detailed answered 401", health.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_in_the_prometheus_format_and_as_json_to_a_file()
    {
        await EventuallyAsync(() => CliRunner.RunAsync("health", "--url", host.Url), static r => r.ExitCode == 0);
        var prometheus = await EventuallyAsync(() => CliRunner.RunAsync("metrics", "--url", host.Url, "--format", "prometheus"), static r => r.Output.Contains("promptwatch_scans_total", StringComparison.Ordinal));
        Assert.Equal(0, prometheus.ExitCode);
        Assert.Contains("# TYPE promptwatch_scans_total counter", prometheus.Output, StringComparison.Ordinal);

        using var folder = new TempFolder();
        var file = folder.Combine("metrics.json");
        var json = await CliRunner.RunAsync("metrics", "--url", host.Url, "--format", "json", "--output", file);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("", json.Output);
        Assert.Contains("metrics to " + file, json.Error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.Contains(document.RootElement.GetProperty("metrics").EnumerateArray(), static i => i.GetProperty("name").GetString() == "promptwatch.scans");
    }

    [Fact]
    public async Task Performance_shows_the_monitor_table_and_filters_by_operation()
    {
        var all = await EventuallyAsync(() => CliRunner.RunAsync("performance", "--url", host.Url, "--hours", "24"), static r => r.Output.Contains("| scan ", StringComparison.Ordinal));
        Assert.Equal(0, all.ExitCode);
        foreach (var column in new[] { "Operation", "Count", "Success", "p50", "p95", "p99", "Baseline p95" }) Assert.Contains(column, all.Output, StringComparison.Ordinal);

        var scan = await CliRunner.RunAsync("performance", "--url", host.Url, "--operation", "scan", "--json");
        Assert.Equal(0, scan.ExitCode);
        using var document = JsonDocument.Parse(scan.Output);
        var operations = document.RootElement.GetProperty("operations").EnumerateArray().ToList();
        var only = Assert.Single(operations);
        Assert.Equal("scan", only.GetProperty("operation").GetString());
        var row = all.Output.Split('\n').Single(static l => l.StartsWith("| scan ", StringComparison.Ordinal));
        // The count may have grown between the two calls (health checks and refreshes go on), never shrunk.
        var tableCount = long.Parse(row.Split('|', StringSplitOptions.TrimEntries)[2], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(tableCount, 1, only.GetProperty("count").GetInt64());

        var bad = await CliRunner.RunAsync("performance", "--url", host.Url, "--hours", "25");
        Assert.Equal(PromptWatchCli.UserError, bad.ExitCode);
        Assert.Equal($"promptwatch: --hours must be from 1 to 24 (got 25).{Environment.NewLine}", bad.Error);
    }

    [Fact]
    public async Task Activity_shows_the_weekly_counters_with_an_hourly_trend()
    {
        await host.DeliverAsync("push", await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "push.payload.json")));
        var json = await EventuallyAsync(() => CliRunner.RunAsync("activity", "--url", host.Url, "--json"), static r => r.ExitCode == 0 && Pushes(r.Output) >= 1);
        var pushes = Pushes(json.Output);

        var table = await CliRunner.RunAsync("activity", "--url", host.Url);
        Assert.Equal(0, table.ExitCode);
        var row = table.Output.Split('\n').Single(static l => l.StartsWith("| pushes ", StringComparison.Ordinal));
        var cells = row.Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal(pushes.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2]);
        // 24 hourly buckets; the current hour (last) holds the deliveries, so it is the tallest block.
        Assert.Equal(24, cells[4].Length);
        Assert.Equal('█', cells[4][^1]);
        var quiet = table.Output.Split('\n').Single(static l => l.StartsWith("| conflicts ", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal(new string('·', 24), quiet[4]);
    }

    private static long Pushes(string output)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.GetProperty("counters").GetProperty("pushes").GetInt64();
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    internal static async Task<CliResult> EventuallyAsync(Func<Task<CliResult>> run, Func<CliResult, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var result = await run();
            if (done(result)) return result;
            if (DateTime.UtcNow > deadline) Assert.Fail($"not reached within {Patience.TotalSeconds} s; last exit code {result.ExitCode}, output: {result.Output}{result.Error}");
            await Task.Delay(200);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
