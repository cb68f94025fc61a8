using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// <c>api/performance</c>, <c>metrics/json</c>, <c>metrics/registries</c> and <c>admin/reset-metrics</c> of the sample.
/// Meters and activity sources are process-wide, so tests use names of their own where others could interfere.
/// </summary>
public sealed class PerformanceApiTests : IDisposable
{
    private readonly WatchedRepository _repository = new();

    public PerformanceApiTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task After_a_scan_the_performance_view_lists_scan_with_its_percentiles()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();

        using var performance = await GetJsonAsync(client, "api/performance");
        Assert.Equal(1, performance.RootElement.GetProperty("hours").GetInt32());
        var scan = performance.RootElement.GetProperty("operations").EnumerateArray().Single(static o => o.GetProperty("operation").GetString() == "scan");
        Assert.True(scan.GetProperty("count").GetInt64() >= 1);
        Assert.True(scan.GetProperty("p95_ms").GetDouble() > 0);
        Assert.Equal(1, scan.GetProperty("success_rate").GetDouble());
        Assert.Equal(JsonValueKind.Array, performance.RootElement.GetProperty("models").ValueKind);

        using var filtered = await GetJsonAsync(client, "api/performance?operation=scan&hours=24");
        Assert.Equal("scan", Assert.Single(filtered.RootElement.GetProperty("operations").EnumerateArray()).GetProperty("operation").GetString());
        using var unknown = await GetJsonAsync(client, "api/performance?operation=no-such-operation");
        Assert.Empty(unknown.RootElement.GetProperty("operations").EnumerateArray());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("25")]
    [InlineData("soon")]
    public async Task Hours_out_of_range_is_a_400_problem_naming_hours(string hours)
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("api/performance?hours=" + hours, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("hours", problem.RootElement.GetProperty("parameter").GetString());
        Assert.Contains("hours", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_json_has_the_scan_counter_and_the_registries_name_the_meter()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();

        using var metrics = await GetJsonAsync(client, "metrics/json");
        // Every host of the test process has a PromptWatch meter: one series each, this host's among them.
        var scans = metrics.RootElement.GetProperty("metrics").EnumerateArray().Where(static m => m.GetProperty("name").GetString() == "promptwatch.scans").ToList();
        Assert.All(scans, static s => Assert.Equal("counter", s.GetProperty("kind").GetString()));
        Assert.All(scans, static s => Assert.Equal("{scan}", s.GetProperty("unit").GetString()));
        Assert.True(scans.SelectMany(static s => s.GetProperty("points").EnumerateArray()).Sum(static p => p.GetProperty("value").GetDouble()) >= 1);

        using var registries = await GetJsonAsync(client, "metrics/registries");
        var meter = registries.RootElement.GetProperty("meters").EnumerateArray().First(static m => m.GetProperty("name").GetString() == "PromptWatch");
        Assert.Contains(meter.GetProperty("instruments").EnumerateArray(), static i => i.GetProperty("name").GetString() == "promptwatch.scan.duration" && i.GetProperty("collected").GetBoolean());
    }

    [Fact]
    public async Task A_gen_ai_histogram_of_any_meter_shows_per_model_in_metrics_json_and_the_performance_view()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = host.CreateClient();
        var model = "model-" + Guid.NewGuid().ToString("N");
        using var meter = new Meter("Test.GenAI.Client");
        var tokens = meter.CreateHistogram<int>("gen_ai.client.token.usage", "{token}");
        tokens.Record(120, new("gen_ai.request.model", model), new("gen_ai.token.type", "input"));
        tokens.Record(30, new("gen_ai.request.model", model), new("gen_ai.token.type", "output"));
        meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s").Record(0.8, new KeyValuePair<string, object?>("gen_ai.request.model", model));

        using var metrics = await GetJsonAsync(client, "metrics/json");
        var perModel = metrics.RootElement.GetProperty("gen_ai_models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == model);
        var usage = perModel.GetProperty("metrics").EnumerateArray().Single(static m => m.GetProperty("name").GetString() == "gen_ai.client.token.usage");
        Assert.Equal(150, usage.GetProperty("points").EnumerateArray().Sum(static p => p.GetProperty("sum").GetDouble()));

        using var performance = await GetJsonAsync(client, "api/performance");
        var use = performance.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == model);
        Assert.Equal(120, use.GetProperty("input_tokens").GetDouble());
        Assert.Equal(30, use.GetProperty("output_tokens").GetDouble());
        Assert.Equal(1, use.GetProperty("calls").GetInt64());
        Assert.InRange(use.GetProperty("duration_p95_seconds").GetDouble(), 0.8 / 1.05, 0.8 * 1.05);
    }

    [Fact]
    public async Task Reset_metrics_clears_the_windows_and_answers_204()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = host.CreateClient();
        var operation = "test.reset." + Guid.NewGuid().ToString("N");
        using (var source = new ActivitySource("PromptWatch"))
        {
            source.StartActivity("promptwatch.probe")?.SetTag("promptwatch.operation", operation).Dispose();
        }

        using (var before = await GetJsonAsync(client, "api/performance?operation=" + operation))
        {
            Assert.Single(before.RootElement.GetProperty("operations").EnumerateArray());
        }

        using var reset = await client.PostAsync(new Uri("admin/reset-metrics", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var after = await GetJsonAsync(client, "api/performance?operation=" + operation);
        Assert.Empty(after.RootElement.GetProperty("operations").EnumerateArray());
    }

    [Fact]
    public async Task With_JWT_SECRET_KEY_reset_metrics_needs_a_token()
    {
        using var host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string> { ["JWT_SECRET_KEY"] = "a-performance-test-key-of-at-least-32-bytes" });
        using var client = host.CreateClient();

        using var reset = await client.PostAsync(new Uri("admin/reset-metrics", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, reset.StatusCode);
    }

    public void Dispose() => _repository.Dispose();

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
