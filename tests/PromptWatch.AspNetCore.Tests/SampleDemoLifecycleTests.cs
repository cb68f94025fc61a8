using System.Text.Json;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample web host with no configuration shows the lifecycle on its demo repository: test and prod drift (a use case
/// promoted and equal, one pending in test only, others where prod lags), the demo's score files on the drift sides,
/// and one use case whose scores regress.
/// </summary>
public sealed class SampleDemoLifecycleTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Without_configuration_the_demo_shows_promoted_pending_and_lagging_use_cases_and_one_score_regression()
    {
        using var host = new DemoHost(_folder.Path);
        using var client = host.CreateClient();
        (await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null)).Dispose();
        using (var results = await client.PostAsync(new Uri("api/s3-refresh", UriKind.Relative), null)) Assert.True(results.IsSuccessStatusCode, $"results refresh: {(int)results.StatusCode}");

        using var drift = await GetAsync(client, "api/drift");
        var report = Assert.Single(drift.RootElement.GetProperty("repositories").EnumerateArray());
        Assert.Equal("test", report.GetProperty("left").GetString());
        Assert.Equal("prod", report.GetProperty("right").GetString());
        Assert.True(report.GetProperty("lead_time").GetProperty("promotions").GetInt32() > 0);
        var useCases = report.GetProperty("use_cases").EnumerateArray().ToList();

        static bool Present(JsonElement useCase, string side) => useCase.GetProperty(side).GetProperty("present").GetBoolean();
        // Promoted: equal now, prod's version came from test.
        Assert.Contains(useCases, u => u.GetProperty("equal").GetBoolean() && Present(u, "right") && u.GetProperty("lead_time").ValueKind == JsonValueKind.Object);
        // Pending: in test, never in prod yet.
        Assert.Contains(useCases, u => Present(u, "left") && !Present(u, "right") && !u.GetProperty("right").GetProperty("removed").GetBoolean());
        // Lagging: in both, prod behind test.
        Assert.Contains(useCases, u => Present(u, "left") && Present(u, "right") && u.GetProperty("lag").ValueKind == JsonValueKind.Object && u.GetProperty("lag").GetProperty("environment").GetString() == "prod");
        // The demo's score files reach the drift sides.
        Assert.Contains(useCases, static u => u.GetProperty("left").TryGetProperty("scores", out _));

        var regressing = new List<string>();
        foreach (var name in useCases.Select(static u => u.GetProperty("usecase").GetString()!))
        {
            using var scores = await GetAsync(client, $"api/usecases/test/{Uri.EscapeDataString(name)}/scores");
            if (scores.RootElement.GetProperty("points").EnumerateArray().Any(static p => p.GetProperty("regressed").GetArrayLength() > 0)) regressing.Add(name);
        }

        Assert.Equal(["summarize"], regressing);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<JsonDocument> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
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
