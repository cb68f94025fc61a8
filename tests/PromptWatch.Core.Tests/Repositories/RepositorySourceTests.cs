using PromptWatch.Model;
using PromptWatch.Repositories;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Repositories;

public sealed class RepositorySourceTests : IDisposable
{
    private static readonly WatchedFile[] Files = [new("chart/values-test.yaml", "test")];
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1));
    private readonly TestRepository _origin = TestRepository.Create();
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "promptwatch-tests", "cache-" + Guid.NewGuid().ToString("N"));
    private int _commits;

    public void Dispose()
    {
        _origin.Dispose();
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task A_file_url_is_cloned_once_and_then_fetched_incrementally()
    {
        CommitPrompt("one");
        using var source = Remote();

        var first = await source.UpdateAsync(CancellationToken.None);
        var scanner = new HistoryScanner();
        var scan = scanner.Scan(first.Repository, new ScanTarget(first.Branch, Files));
        Assert.Equal("main", first.Branch);
        Assert.Single(scan.Entries);

        CommitPrompt("two");
        var second = await source.UpdateAsync(CancellationToken.None);
        var next = scanner.Scan(second.Repository, new ScanTarget(second.Branch, Files), scan);

        Assert.True(next.Statistics.Incremental);
        Assert.Equal(["one", "two"], next.Entries.Select(e => e.State!.Prompt));
        Assert.Equal(_origin.Git("rev-parse", "HEAD").Trim(), next.TipSha);
    }

    [Fact]
    public async Task A_force_push_moves_the_branch_and_rescans_fully()
    {
        CommitPrompt("one");
        CommitPrompt("two");
        using var source = Remote();
        var update = await source.UpdateAsync(CancellationToken.None);
        var scanner = new HistoryScanner();
        var scan = scanner.Scan(update.Repository, new ScanTarget(update.Branch, Files));

        _origin.Git("reset", "--hard", "--quiet", "HEAD~1");
        CommitPrompt("rewritten");
        update = await source.UpdateAsync(CancellationToken.None);
        var next = scanner.Scan(update.Repository, new ScanTarget(update.Branch, Files), scan);

        Assert.False(next.Statistics.Incremental);
        Assert.Contains("force-push", next.Statistics.FullRescanReason);
        Assert.Equal(["one", "rewritten"], next.Entries.Select(e => e.State!.Prompt));
    }

    [Fact]
    public async Task The_remote_default_branch_is_used_when_none_is_named()
    {
        CommitPrompt("one");
        _origin.Git("branch", "--quiet", "-m", "main", "trunk");
        using var source = Remote();

        var update = await source.UpdateAsync(CancellationToken.None);

        Assert.Equal("trunk", update.Branch);
    }

    [Fact]
    public async Task A_clone_in_the_cache_is_reused_by_a_new_source()
    {
        CommitPrompt("one");
        string clonePath;
        using (var first = Remote())
        {
            await first.UpdateAsync(CancellationToken.None);
            clonePath = first.ClonePath;
        }

        var marker = Path.Combine(clonePath, "kept");
        await File.WriteAllTextAsync(marker, "");
        CommitPrompt("two");
        using var second = Remote();
        var update = await second.UpdateAsync(CancellationToken.None);

        Assert.True(File.Exists(marker));
        Assert.Equal(_origin.Git("rev-parse", "HEAD").Trim(), update.Repository.Branches[update.Branch].Tip.Sha);
    }

    [Fact]
    public async Task An_unknown_remote_branch_is_a_clear_error()
    {
        CommitPrompt("one");
        using var source = Remote("release-9");

        var error = await Assert.ThrowsAsync<PromptWatchException>(() => source.UpdateAsync(CancellationToken.None));

        Assert.Equal($"Branch 'release-9' was not found in {new Uri(_origin.Path).AbsoluteUri}.", error.Message);
    }

    [Theory]
    [InlineData("tmp401x")]
    [InlineData("gate-403")]
    [InlineData("authentication")]
    [InlineData("connect timed out")]
    public async Task A_missing_repository_is_not_found_whatever_its_folder_is_called(string folder)
    {
        var missing = Path.Combine(_cache, folder, "missing.git");
        using var source = new RemoteRepositorySource(new RepositorySourceOptions { Location = new Uri(missing).AbsoluteUri, CacheDirectory = _cache });

        var error = await Assert.ThrowsAsync<PromptWatchException>(() => source.UpdateAsync(CancellationToken.None));

        Assert.StartsWith($"Could not clone {new Uri(missing).AbsoluteUri}: the repository was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_in_a_url_are_taken_out_of_it()
    {
        using var source = new RemoteRepositorySource(new RepositorySourceOptions { Location = "https://bot:p%40ss@git.example.com/team/app.git", CacheDirectory = _cache });

        Assert.Equal("https://git.example.com/team/app.git", source.DisplayName);
        Assert.DoesNotContain("p@ss", source.ClonePath);
        Assert.DoesNotContain("bot", source.ClonePath);
    }

    [Fact]
    public async Task A_local_path_is_used_in_place_from_any_folder_inside_it()
    {
        CommitPrompt("one");
        using var source = RepositorySource.Create(new RepositorySourceOptions { Location = Path.Combine(_origin.Path, "chart") });

        var update = await source.UpdateAsync(CancellationToken.None);

        Assert.IsType<LocalRepositorySource>(source);
        Assert.Equal("main", update.Branch);
        Assert.False(update.Fetched);
        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetFullPath(_origin.Path)), Path.TrimEndingDirectorySeparator(update.Repository.Info.WorkingDirectory));
    }

    [Fact]
    public async Task A_local_repository_fetches_its_remote_and_a_failed_fetch_is_only_a_warning()
    {
        CommitPrompt("one");
        using var clone = TestRepository.Create();
        clone.Git("remote", "add", "origin", _origin.Path);
        clone.Git("fetch", "--quiet", "origin");
        clone.Git("checkout", "--quiet", "-b", "main", "origin/main");
        CommitPrompt("two");

        using (var source = RepositorySource.Create(new RepositorySourceOptions { Location = clone.Path, Branch = "origin/main" }))
        {
            var update = await source.UpdateAsync(CancellationToken.None);
            var scan = new HistoryScanner().Scan(update.Repository, new ScanTarget(update.Branch, Files));

            Assert.True(update.Fetched);
            Assert.Null(update.FetchWarning);
            Assert.Equal(["one", "two"], scan.Entries.Select(e => e.State!.Prompt));
        }

        clone.Git("remote", "set-url", "origin", Path.Combine(_cache, "gone"));
        using (var source = RepositorySource.Create(new RepositorySourceOptions { Location = clone.Path }))
        {
            var update = await source.UpdateAsync(CancellationToken.None);

            Assert.False(update.Fetched);
            Assert.StartsWith("Could not fetch remote 'origin' of", update.FetchWarning);
        }
    }

    private RemoteRepositorySource Remote(string? branch = null) =>
        new(new RepositorySourceOptions { Location = new Uri(_origin.Path).AbsoluteUri, Branch = branch, CacheDirectory = _cache });

    private void CommitPrompt(string prompt)
    {
        _origin.WriteFile("chart/values-test.yaml", $"summarize:\n  model: m\n  prompt: {prompt}\n");
        _origin.Commit("Set the prompt to " + prompt, GitSignature.At(Start.AddMinutes(_commits++)));
    }
}
