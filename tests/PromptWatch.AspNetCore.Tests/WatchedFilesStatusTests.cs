using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// A repository whose watched files are wrong does not pass for a quiet one: <c>api/repositories</c> and the health
/// check's data say which files are watched, whether each exists at the tip and how many use cases it holds, and the
/// health check is Degraded, naming the missing files, when none of them exists.
/// </summary>
public sealed class WatchedFilesStatusTests : IDisposable
{
    private readonly WatchedRepository _repository = new();

    public WatchedFilesStatusTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task Missing_watched_files_are_named_and_the_repository_is_degraded()
    {
        using var host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string>
        {
            ["PromptWatch:Repositories:0:Files:chart/values.yaml"] = "base",
            ["PromptWatch:Repositories:0:Files:chart/values-staging.yaml"] = "staging",
        });
        using var client = await host.StartAsync();

        using (var repositories = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/repositories", UriKind.Relative))))
        {
            var files = repositories.RootElement[0].GetProperty("watched_files");
            Assert.Equal(
                ["chart/values.yaml base False 0", "chart/values-staging.yaml staging False 0"],
                files.EnumerateArray().Select(Describe).Order(StringComparer.Ordinal).Reverse());
        }

        var check = await RepositoryCheckAsync(client);
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        var description = check.GetProperty("description").GetString()!;
        Assert.StartsWith("None of the watched files exist at the tip of main: ", description, StringComparison.Ordinal);
        Assert.Contains("chart/values.yaml", description, StringComparison.Ordinal);
        Assert.Contains("chart/values-staging.yaml", description, StringComparison.Ordinal);
        Assert.Equal(2, check.GetProperty("data").GetProperty("watched_files").GetArrayLength());
        using var health = await client.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Existing_watched_files_say_how_many_use_cases_they_hold_and_the_repository_stays_healthy()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();

        using var repositories = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/repositories", UriKind.Relative)));

        Assert.Equal(
            ["chart/values-test.yaml test True 1", "chart/values-prod.yaml prod True 0"],
            repositories.RootElement[0].GetProperty("watched_files").EnumerateArray().Select(Describe));
        var check = await RepositoryCheckAsync(client);
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Equal(
            ["chart/values-test.yaml test True 1", "chart/values-prod.yaml prod True 0"],
            check.GetProperty("data").GetProperty("watched_files").EnumerateArray().Select(Describe));
    }

    public void Dispose() => _repository.Dispose();

    private static string Describe(JsonElement file) =>
        $"{file.GetProperty("path").GetString()} {file.GetProperty("environment").GetString()} {file.GetProperty("exists").GetBoolean()} {file.GetProperty("use_cases").GetInt32()}";

    private static async Task<JsonElement> RepositoryCheckAsync(HttpClient client)
    {
        using var detailed = await client.GetAsync(new Uri("health/detailed", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.NotFound, detailed.StatusCode);
        using var document = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("checks").EnumerateArray().Single(static c => c.GetProperty("name").GetString() == "promptwatch:service").Clone();
    }
}
