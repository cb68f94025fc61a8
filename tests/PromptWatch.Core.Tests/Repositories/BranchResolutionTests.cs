using PromptWatch.Model;
using PromptWatch.Repositories;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Repositories;

/// <summary>
/// A branch of a local repository is named as <c>git checkout</c> takes it: <c>guardrails</c> in a clone that has only
/// <c>origin/guardrails</c> is that remote-tracking branch; when several remotes have it, the error says which.
/// </summary>
public sealed class BranchResolutionTests : IDisposable
{
    private static readonly WatchedFile[] Files = [new("chart/values-test.yaml", "test")];
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestRepository _origin = TestRepository.Create();
    private readonly TestRepository _clone = TestRepository.Create();

    public BranchResolutionTests()
    {
        _origin.WriteFile("chart/values-test.yaml", "summarize:\n  model: m\n  prompt: main\n");
        _origin.Commit("Main prompt", GitSignature.At(Start));
        _origin.Git("checkout", "--quiet", "-b", "guardrails");
        _origin.WriteFile("chart/values-test.yaml", "summarize:\n  model: m\n  prompt: guarded\n");
        _origin.Commit("Guarded prompt", GitSignature.At(Start.AddMinutes(1)));
        _origin.Git("checkout", "--quiet", "main");
        // A clone as git clone leaves it: main checked out, guardrails only as origin/guardrails.
        _clone.Git("remote", "add", "origin", _origin.Path);
        _clone.Git("fetch", "--quiet", "origin");
        _clone.Git("checkout", "--quiet", "-b", "main", "origin/main");
    }

    [Fact]
    public async Task A_branch_that_only_one_remote_has_is_its_remote_tracking_branch()
    {
        Assert.Empty(_clone.Git("branch", "--list", "guardrails").Trim());
        using var source = RepositorySource.Create(new RepositorySourceOptions { Location = _clone.Path, Branch = "guardrails" });

        var update = await source.UpdateAsync(CancellationToken.None);
        var scan = new HistoryScanner().Scan(update.Repository, new ScanTarget(update.Branch, Files));

        Assert.Equal("origin/guardrails", update.Branch);
        Assert.Equal(["main", "guarded"], scan.Entries.Select(static e => e.State!.Prompt));
    }

    [Fact]
    public async Task A_local_branch_of_that_name_wins()
    {
        _clone.Git("branch", "--quiet", "guardrails", "origin/main");
        using var source = RepositorySource.Create(new RepositorySourceOptions { Location = _clone.Path, Branch = "guardrails" });

        var update = await source.UpdateAsync(CancellationToken.None);

        Assert.Equal("guardrails", update.Branch);
    }

    [Fact]
    public async Task A_branch_that_two_remotes_have_is_refused_with_both_names()
    {
        _clone.Git("remote", "add", "upstream", _origin.Path);
        _clone.Git("fetch", "--quiet", "upstream");
        using var source = RepositorySource.Create(new RepositorySourceOptions { Location = _clone.Path, Branch = "guardrails", FetchLocal = false });

        var error = await Assert.ThrowsAsync<PromptWatchException>(() => source.UpdateAsync(CancellationToken.None));

        Assert.Equal($"Branch 'guardrails' was not found in {_clone.Path}; did you mean origin/guardrails or upstream/guardrails?", error.Message);
    }

    [Fact]
    public async Task A_branch_no_one_has_is_a_clear_error()
    {
        using var source = RepositorySource.Create(new RepositorySourceOptions { Location = _clone.Path, Branch = "release-9", FetchLocal = false });

        var error = await Assert.ThrowsAsync<PromptWatchException>(() => source.UpdateAsync(CancellationToken.None));

        Assert.Equal($"Branch 'release-9' was not found in {_clone.Path}.", error.Message);
    }

    [Fact]
    public async Task A_remote_tracking_branch_and_a_commit_are_taken_as_given()
    {
        var sha = _clone.Git("rev-parse", "origin/guardrails").Trim();
        foreach (var name in new[] { "origin/guardrails", sha, sha[..10] })
        {
            using var source = RepositorySource.Create(new RepositorySourceOptions { Location = _clone.Path, Branch = name, FetchLocal = false });

            var update = await source.UpdateAsync(CancellationToken.None);

            Assert.Equal(name, update.Branch);
        }
    }

    public void Dispose()
    {
        _clone.Dispose();
        _origin.Dispose();
    }
}
