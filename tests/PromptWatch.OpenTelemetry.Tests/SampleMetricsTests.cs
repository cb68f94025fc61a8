using Microsoft.AspNetCore.Hosting;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.OpenTelemetry.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.OpenTelemetry.Tests;

/// <summary>The sample web host's Prometheus scrape endpoints.</summary>
public sealed class SampleMetricsTests : IDisposable
{
    private readonly WatchedRepository _repository = new();

    [Theory]
    [InlineData("metrics")]
    [InlineData("metrics/prometheus")]
    public async Task After_a_scan_the_scrape_endpoint_shows_PromptWatch_series(string path)
    {
        _repository.Set("prod", "summarizer", "gpt-4o", "Summarize.");
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();

        var text = await ScrapeAsync(client, path);

        Assert.Contains("promptwatch_scans_total{", text, StringComparison.Ordinal);
        Assert.Contains("promptwatch_scan_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("promptwatch_refreshes_total{", text, StringComparison.Ordinal);
        Assert.Contains("promptwatch_repository=\"service\"", text, StringComparison.Ordinal);
        // The other instrumentations the sample adds.
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_setting_metrics_shows_the_demo_scan()
    {
        using var data = new TemporaryFolder();
        using var host = new DemoHost(data.Path);
        using var client = host.CreateClient();

        // The demo repository is scanned once the host has started, without a request asking for it.
        var text = await ScrapeAsync(client, "metrics");

        Assert.Contains("promptwatch_refreshes_total{", text, StringComparison.Ordinal);
        Assert.Contains("promptwatch_repository=\"demo\"", text, StringComparison.Ordinal);
        Assert.Contains("promptwatch_scans_total{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_accepts_the_scraped_text()
    {
        _repository.Set("prod", "summarizer", "gpt-4o", "Summarize.");
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        var text = await ScrapeAsync(client, "metrics");

        // PromptWatch's series alone pass every check.
        var promptWatchOnly = string.Join('\n', text.Split('\n').Where(IsPromptWatchLine)) + "\n";
        var (exitCode, output) = await Promtool.CheckMetricsAsync(promptWatchOnly);
        Assert.True(exitCode == 0, "promtool check metrics failed:\n" + output);

        // The whole page parses; the only findings are about the .NET runtime's own instrument names (dotnet.assembly.count
        // and the like end in "_count" without being histograms), which are not PromptWatch's to change.
        var (_, all) = await Promtool.CheckMetricsAsync(text);
        var findings = all.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(findings, f => Assert.Matches(@"^dotnet_\w+_count non-histogram and non-summary metrics should not have ""_count"" suffix$", f));
    }

    private static bool IsPromptWatchLine(string line) =>
        line.StartsWith("promptwatch_", StringComparison.Ordinal)
        || line.StartsWith("# TYPE promptwatch_", StringComparison.Ordinal)
        || line.StartsWith("# HELP promptwatch_", StringComparison.Ordinal)
        || line.StartsWith("# UNIT promptwatch_", StringComparison.Ordinal);

    public void Dispose() => _repository.Dispose();

    /// <summary>The sample with no repository configured: it creates and watches its demo repository in <paramref name="dataDirectory"/>.</summary>
    private sealed class DemoHost(string dataDirectory) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Sample:DataDirectory", dataDirectory);
            builder.UseEnvironment("Production");
        }
    }

    /// <summary>Scrapes until the refresh's series are there: the exporter may answer from a collection made just before it.</summary>
    private static async Task<string> ScrapeAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            var text = await response.Content.ReadAsStringAsync();
            if (text.Contains("promptwatch_refreshes_total{", StringComparison.Ordinal) || DateTime.UtcNow > deadline) return text;
            await Task.Delay(200);
        }
    }
}
