using System.Net;
using System.Text.Json;
using LibGit2Sharp;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample web host with no configuration watches the demo repository, and its pipeline routes answer demo data
/// generated from that repository's commits: a CI run per commit with jobs and steps, failures and recoveries, deployments
/// to test and prod with one failure; with no CI system behind it, rerun, cancel and logs are a clear refusal.
/// </summary>
public sealed class SampleDemoPipelinesTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Without_configuration_the_pipeline_routes_answer_demo_data_of_the_demo_repository()
    {
        using var host = new DemoHost(_folder.Path);
        using var client = host.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("data-pipelines-url=\"\"", page, StringComparison.Ordinal);

        using var overview = await GetAsync(client, "api/v1/pipeline/overview");
        var o = overview.RootElement;
        Assert.Equal("passing", o.GetProperty("status").GetString());
        Assert.Equal(1, o.GetProperty("running").GetInt32());
        Assert.Equal(1, o.GetProperty("queued").GetInt32());
        Assert.InRange(o.GetProperty("success_rate").GetDouble(), 0.5, 0.99);
        Assert.True(o.GetProperty("mttr_seconds").GetDouble() > 0);

        // A CI run per commit of the demo repository's branch, on that commit.
        string[] commits;
        using (var repository = new Repository(Path.Combine(_folder.Path, "demo-repository")))
        {
            commits = [.. repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = repository.Head, SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time }).Select(static c => c.Sha)];
        }

        var shas = new List<string>();
        var conclusions = new List<string>();
        for (var pageNumber = 1; ; pageNumber++)
        {
            using var builds = await GetAsync(client, $"api/v1/builds?workflow=CI&per_page=100&page={pageNumber}");
            foreach (var build in builds.RootElement.GetProperty("items").EnumerateArray())
            {
                shas.Add(build.GetProperty("head_sha").GetString()!);
                conclusions.Add(build.GetProperty("conclusion").GetString()!);
            }

            if (pageNumber >= builds.RootElement.GetProperty("total_pages").GetInt32()) break;
        }

        // Newest first, as the repository lists them; commits older than the store's retention once moved have none.
        Assert.Equal(commits.Take(shas.Count), shas);
        Assert.True(shas.Count > commits.Length * 9 / 10, $"{shas.Count} runs for {commits.Length} commits");
        Assert.Contains("failure", conclusions);
        Assert.Equal("success", conclusions[0]); // the newest commit passed: the last failure recovered

        // Each run has its jobs and their steps.
        using var recent = await GetAsync(client, "api/v1/builds?workflow=CI&conclusion=failure&per_page=1");
        var failedId = recent.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64();
        using var failed = await GetAsync(client, $"api/v1/builds/{failedId}");
        var jobs = failed.RootElement.GetProperty("jobs");
        Assert.Equal(["validate", "evaluate"], jobs.EnumerateArray().Select(static j => j.GetProperty("name").GetString()));
        Assert.Equal("failure", jobs[0].GetProperty("conclusion").GetString());
        Assert.Contains(jobs[0].GetProperty("steps").EnumerateArray(), static s => s.GetProperty("conclusion").GetString() == "failure");

        // Incidents that recovered, and deployments to test and prod, one of which failed.
        using var mttr = await GetAsync(client, "api/v1/analytics/mttr");
        Assert.True(mttr.RootElement.GetProperty("resolved").GetInt32() >= 2);
        using var dora = await GetAsync(client, "api/v1/analytics/dora");
        var environments = dora.RootElement.GetProperty("environments").EnumerateArray().ToDictionary(static e => e.GetProperty("environment").GetString()!, static e => e);
        Assert.Equal(["prod", "test"], environments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, environments["prod"].GetProperty("failed").GetInt32());
        Assert.True(environments["prod"].GetProperty("successful").GetInt32() > 0);
        Assert.Equal(0, environments["test"].GetProperty("failed").GetInt32());

        // No CI system: a 409 problem that says so.
        using var rerun = await client.PostAsync(new Uri($"api/v1/builds/{failedId}/rerun", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, rerun.StatusCode);
        using var problem = JsonDocument.Parse(await rerun.Content.ReadAsStringAsync());
        Assert.Equal("No pipeline provider", problem.RootElement.GetProperty("title").GetString());
        using var logs = await client.GetAsync(new Uri($"api/v1/builds/{failedId}/logs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, logs.StatusCode);
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
