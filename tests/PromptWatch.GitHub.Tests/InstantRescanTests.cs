using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Octokit.Webhooks.Events;
using PromptWatch.GitHub.Events;
using PromptWatch.GitHub.Rescans;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Tests.Support;
using Xunit.Abstractions;

namespace PromptWatch.GitHub.Tests;

/// <summary>A push to a watched branch that touches a watched file rescans that repository at once.</summary>
public sealed class InstantRescanTests(ITestOutputHelper output) : IDisposable
{
    private const string Values = "chart/values-test.yaml";
    private readonly TestRepository _repository = CreateRepository();
    private DateTimeOffset _clock = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static TestRepository CreateRepository()
    {
        var repository = TestRepository.Create();
        repository.WriteFile(Values, UseCase("gpt-4o-mini"));
        repository.Commit("Add the chart", GitSignature.At(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero)));
        return repository;
    }

    private static string UseCase(string model) => $"summarize:\n  enabled: true\n  model: {model}\n  prompt: |\n    Summarize the text.\n";

    private string CommitModel(string model)
    {
        _repository.WriteFile(Values, UseCase(model));
        _clock = _clock.AddHours(1);
        return _repository.Commit($"summarize: {model}", GitSignature.At(_clock));
    }

    private Task<GitHubHost> StartAsync() => GitHubHost.StartAsync(
        o => o.RepositoryMap["octo/llm-config"] = "service",
        promptWatch: o => o.PollInterval = TimeSpan.FromHours(1),
        repositoryPath: _repository.Path,
        mapPromptWatch: true);

    [Fact]
    public async Task A_push_touching_a_watched_file_shows_in_changes_and_events_at_once()
    {
        await using var host = await StartAsync();
        using (var refresh = await host.Client.PostAsync(new Uri("api/refresh", UriKind.Relative), null)) refresh.EnsureSuccessStatusCode();
        using var events = await host.Client.GetStreamAsync(new Uri("api/events", UriKind.Relative));
        using var reader = new StreamReader(events);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var hello = await ReadEventAsync(reader, timeout.Token);
        Assert.Equal("hello", hello);

        var sha = CommitModel("gpt-4.1-mini");
        var body = Payloads.Push("main", "octo/llm-config", (sha, [], [Values]));
        var watch = Stopwatch.StartNew();
        using var response = await host.PostAsync("push", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // A status event (the host's own first poll, finding nothing new, may end after the refresh above) can come
        // first; the changes event must follow.
        string eventName;
        do eventName = await ReadEventAsync(reader, timeout.Token);
        while (eventName == "status");
        var toEvent = watch.Elapsed;
        Assert.Equal("changes", eventName);
        using var changes = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/changes", UriKind.Relative)));
        var toChanges = watch.Elapsed;
        Assert.StartsWith(changes.RootElement[0].GetProperty("commit_hash").GetString()!, sha, StringComparison.Ordinal);
        output.WriteLine($"webhook receipt to 'changes' event: {toEvent.TotalMilliseconds:0} ms; to the entry in api/changes: {toChanges.TotalMilliseconds:0} ms");
        // A generous bound (a busy two-core machine fetches and scans slowly): "does not wait for the poll interval (one hour)".
        Assert.True(toChanges < TimeSpan.FromSeconds(60), $"{toChanges}");
    }

    [Fact]
    public async Task A_burst_of_pushes_ends_with_every_pushed_commit_in_the_timeline()
    {
        await using var host = await StartAsync();
        using (var refresh = await host.Client.PostAsync(new Uri("api/refresh", UriKind.Relative), null)) refresh.EnsureSuccessStatusCode();

        var shas = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var sha = CommitModel($"model-{i}");
            shas.Add(sha);
            using var response = await host.PostAsync("push", Payloads.Push("main", "octo/llm-config", (sha, [], [Values])));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // Pushes that arrive during a rescan share the one rescan after it: the last push is never left out.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var changes = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/changes", UriKind.Relative), timeout.Token));
            var listed = changes.RootElement.EnumerateArray().Select(static e => e.GetProperty("commit_hash").GetString()!).ToList();
            if (shas.All(sha => listed.Any(l => sha.StartsWith(l, StringComparison.Ordinal)))) break;
            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task Only_pushes_to_the_watched_branch_and_files_of_the_repository_rescan()
    {
        await using var host = await StartAsync();
        using (var refresh = await host.Client.PostAsync(new Uri("api/refresh", UriKind.Relative), null)) refresh.EnsureSuccessStatusCode();
        var rescanner = host.Services.GetRequiredService<InstantRescanner>();
        static PushEvent Read(byte[] body) => (PushEvent)GitHubPayloadReader.Read("push", body).Payload!;

        Assert.Equal(["service"], rescanner.Targets(Read(Payloads.Push("main", "octo/llm-config", ("a", [], [Values])))));
        Assert.Equal(["service"], rescanner.Targets(Read(Payloads.Push("main", "OCTO/LLM-CONFIG", ("a", [Values], [])))));
        Assert.Empty(rescanner.Targets(Read(Payloads.Push("main", "octo/llm-config", ("a", [], ["README.md"])))));
        Assert.Empty(rescanner.Targets(Read(Payloads.Push("feature", "octo/llm-config", ("a", [], [Values])))));
        Assert.Empty(rescanner.Targets(Read(Payloads.Push("main", "octo/other", ("a", [], [Values])))));
        // Without file lists (GitHub leaves them out of very large pushes), rescan anyway.
        Assert.Equal(["service"], rescanner.Targets(Read(Payloads.With("push/with-new-branch.payload.json", p =>
        {
            p["ref"] = "refs/heads/main";
            p["repository"]!["full_name"] = "octo/llm-config";
            p["commits"] = new System.Text.Json.Nodes.JsonArray();
        }))));
    }

    [Theory]
    [InlineData("https://github.com/Octo/LLM-config.git", "github.com/octo/llm-config")]
    [InlineData("https://user:token@github.com/octo/llm-config/", "github.com/octo/llm-config")]
    [InlineData("git@github.com:octo/llm-config.git", "github.com/octo/llm-config")]
    [InlineData("ssh://git@github.com/octo/llm-config", "github.com/octo/llm-config")]
    [InlineData("/srv/git/llm-config", null)]
    public void Locations_are_normalised(string location, string? expected) => Assert.Equal(expected, RepositoryLocation.Normalize(location));

    private static async Task<string> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && name is not null) return name;
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    public void Dispose() => _repository.Dispose();
}
