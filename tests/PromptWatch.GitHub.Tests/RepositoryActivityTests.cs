using System.Text.Json;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>
/// The dashboard's activity is also told per watched repository, with the deliveries of every other repository apart,
/// and the weekly reset clears those counters too.
/// </summary>
public sealed class RepositoryActivityTests : IDisposable
{
    private readonly TestRepository _prompts = CreateRepository();

    private static TestRepository CreateRepository()
    {
        var repository = TestRepository.Create();
        repository.WriteFile("chart/values-test.yaml", "# test\n");
        repository.Commit("init", GitSignature.At(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        return repository;
    }

    [Fact]
    public async Task Each_watched_repository_has_its_own_counts_and_other_repositories_are_counted_apart()
    {
        await using var host = await GitHubHost.StartAsync(
            o =>
            {
                o.RepositoryMap["octo/llm-config"] = "service";
                o.RepositoryMap["octo/prompts"] = "prompts";
            },
            promptWatch: o => o.Repositories.Add(new WatchedRepositoryOptions { Name = "prompts", Location = _prompts.Path }));

        // Files no repository watches: counted, never rescanned.
        await PostAsync(host, Payloads.Push("main", "octo/llm-config", ("a1", ["README.md"], []), ("a2", [], ["README.md"])));
        await PostAsync(host, Payloads.Push("main", "OCTO/Prompts", ("b1", ["README.md"], [])));
        await PostAsync(host, Payloads.Push("main", "octo/website", ("c1", ["index.html"], []), ("c2", [], ["index.html"]), ("c3", [], ["site.css"])));
        await PostAsync(host, Payloads.Push("main", "someone/else", ("d1", ["x"], [])));
        await host.WaitProcessedAsync(4);

        var repositories = await RepositoriesAsync(host);
        Assert.Equal(["service", "prompts", null], repositories.Select(static r => r.Name));
        Assert.Equal([true, true, false], repositories.Select(static r => r.Watched));
        Assert.Equal([2L, 1L, 4L], repositories.Select(static r => r.Counters["commits"]));
        Assert.Equal([1L, 1L, 2L], repositories.Select(static r => r.Counters["pushes"]));
        // The whole week's counters are still every repository's.
        Assert.Equal(7, (await host.CountersAsync())["commits"]);

        using (var reset = await host.Client.PostAsync(new Uri("api/monitor/reset-weekly", UriKind.Relative), null)) reset.EnsureSuccessStatusCode();
        Assert.All(await RepositoriesAsync(host), static r => Assert.All(r.Counters.Values, static v => Assert.Equal(0, v)));
    }

    private static async Task PostAsync(GitHubHost host, byte[] body)
    {
        using var response = await host.PostAsync("push", body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<List<(string? Name, bool Watched, Dictionary<string, long> Counters)>> RepositoriesAsync(GitHubHost host)
    {
        using var dashboard = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/monitor/dashboard", UriKind.Relative)));
        return [.. dashboard.RootElement.GetProperty("repositories").EnumerateArray().Select(static r => (
            r.GetProperty("name").GetString(),
            r.GetProperty("watched").GetBoolean(),
            r.GetProperty("counters").EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.GetInt64())))];
    }

    public void Dispose() => _prompts.Dispose();
}
