using LibGit2Sharp;
using PromptWatch.Demo;
using PromptWatch.Model;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;
using ChangeKind = PromptWatch.Model.ChangeKind;

namespace PromptWatch.Tests.Demo;

/// <summary>The demo repository is a realistic, deterministic history that shows every kind of change PromptWatch reports.</summary>
public sealed class DemoRepositoryTests(DemoRepositoryTests.Scanned demo) : IClassFixture<DemoRepositoryTests.Scanned>
{
    private static readonly string[] WatchedPaths = ["chart/values-test.yaml", "chart/values-prod.yaml"];
    private static readonly string[] OtherPaths = ["README.md", "chart/Chart.yaml", "chart/templates/deployment.yaml"];

    [Fact]
    public void At_least_55_commits_change_the_watched_files()
    {
        var commitsWithEntries = demo.Entries.Select(e => e.Commit.Sha).Distinct().Count();

        Assert.True(commitsWithEntries >= 55, $"{commitsWithEntries} commits have entries");
        Assert.True(demo.Entries.Count >= 60, $"{demo.Entries.Count} entries");
        Assert.DoesNotContain(demo.Entries, e => e.Kind == ChangeKind.Error);
        Assert.All(demo.Entries, e => Assert.Contains(e.FilePath, WatchedPaths));
    }

    [Fact]
    public void About_ten_commits_touch_only_other_files_of_the_chart()
    {
        using var repository = new Repository(demo.Path);
        var others = repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = DemoRepository.Branch })
            .Where(c => c.Parents.Any())
            .Select(c => repository.Diff.Compare<TreeChanges>(c.Parents.First().Tree, c.Tree).Select(change => change.Path).ToList())
            .Where(paths => !paths.Intersect(WatchedPaths).Any())
            .ToList();

        Assert.InRange(others.Count, 8, 15);
        Assert.All(others, paths => Assert.All(paths, path => Assert.Contains(path, OtherPaths)));
        Assert.All(OtherPaths, path => Assert.Contains(others, paths => paths.Contains(path)));
    }

    [Fact]
    public void Commits_span_about_three_months_of_2026_by_four_authors_at_a_fixed_offset()
    {
        using var repository = new Repository(demo.Path);
        var commits = repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = DemoRepository.Branch }).ToList();

        Assert.All(commits, c => Assert.Equal(2026, c.Committer.When.Year));
        Assert.All(commits, c => Assert.Equal(TimeSpan.FromHours(2), c.Committer.When.Offset));
        Assert.All(commits, c => Assert.Equal(c.Author, c.Committer));
        var first = commits.Min(c => c.Committer.When);
        var last = commits.Max(c => c.Committer.When);
        Assert.InRange((last - first).TotalDays, 80, 100);

        var authors = commits.Select(c => (c.Author.Name, c.Author.Email)).Distinct().ToList();
        Assert.InRange(authors.Count, 3, 4);
        Assert.All(authors, a => Assert.EndsWith(" Example", a.Name));
        Assert.All(authors, a => Assert.EndsWith("@example.com", a.Email));
    }

    [Fact]
    public void Ends_with_at_least_five_use_cases_in_test_and_four_in_prod()
    {
        var current = demo.Entries.Where(e => e.IsLatest && e.Kind != ChangeKind.Removed).ToList();

        var test = current.Where(e => e.Environment == "test").Select(e => e.UseCase).ToList();
        var prod = current.Where(e => e.Environment == "prod").Select(e => e.UseCase).ToList();
        Assert.True(test.Count >= 5, string.Join(", ", test));
        Assert.True(prod.Count >= 4, string.Join(", ", prod));
        Assert.Subset(test.ToHashSet(), prod.ToHashSet());
    }

    [Fact]
    public void Exactly_one_entry_per_environment_and_use_case_is_latest()
    {
        var latest = demo.Entries.Where(e => e.IsLatest).Select(e => (e.Environment, e.UseCase)).ToList();
        var all = demo.Entries.Select(e => (e.Environment, e.UseCase)).Distinct().ToList();

        Assert.Equal(all.Count, latest.Count);
        Assert.Equal(all.ToHashSet(), latest.ToHashSet());
    }

    [Fact]
    public void A_use_case_disabled_in_prod_is_still_disabled_at_the_end()
    {
        var disabled = Assert.Single(demo.Entries, e => e.IsLatest && e.State is { Enabled: false });

        Assert.Equal(("prod", "translate"), (disabled.Environment, disabled.UseCase));
        var versions = Versions("prod", "translate");
        var disabledAt = versions.FindIndex(e => e.State is { Enabled: false });
        Assert.True(versions[disabledAt - 1].State!.Enabled);
        Assert.True(disabledAt < versions.Count - 1, "changed again while disabled");
        Assert.All(versions.Skip(disabledAt), e => Assert.False(e.State!.Enabled));
    }

    [Fact]
    public void Use_cases_are_disabled_and_enabled_again()
    {
        var toggled = demo.Entries
            .Where(e => e.Kind == ChangeKind.Changed && e.ChangedFields.Contains(UseCaseState.Fields.Enabled))
            .GroupBy(e => (e.Environment, e.UseCase))
            .Where(g => g.Select(e => e.State!.Enabled).SequenceEqual([false, true]))
            .Select(g => g.Key)
            .ToList();

        Assert.Contains(("test", "extract"), toggled);
        Assert.Contains(("prod", "moderate"), toggled);
    }

    [Fact]
    public void A_use_case_is_removed_from_test_and_added_back_and_another_is_removed_for_good()
    {
        Assert.Equal([ChangeKind.Added, ChangeKind.Removed, ChangeKind.Added], Versions("test", "translate").Select(e => e.Kind).Where(k => k != ChangeKind.Changed));

        var sentiment = Versions("test", "sentiment");
        Assert.Equal(ChangeKind.Removed, sentiment[^1].Kind);
        Assert.True(sentiment[^1].IsLatest);
        Assert.Empty(Versions("prod", "sentiment"));
    }

    [Fact]
    public void Models_are_swapped_in_test_and_then_in_prod()
    {
        var swaps = demo.Entries
            .Where(e => e.Kind == ChangeKind.Changed && e.ChangedFields.Contains(UseCaseState.Fields.Model))
            .Select(e => (e.Environment, e.UseCase, From: e.PreviousState!.Model, To: e.State!.Model))
            .ToList();

        Assert.Contains(("test", "summarize", "gpt-4o-mini", "gpt-4.1-mini"), swaps);
        Assert.Contains(("prod", "summarize", "gpt-4o-mini", "gpt-4.1-mini"), swaps);
        Assert.Contains(("test", "classify", "llama-3.1-8b-instruct", "llama-3.1-70b-instruct"), swaps);
        Assert.Contains(("prod", "classify", "llama-3.1-8b-instruct", "llama-3.1-70b-instruct"), swaps);
        Assert.True(swaps.Count >= 8, $"{swaps.Count} model swaps");
    }

    [Fact]
    public void Multi_line_prompts_are_rewritten_over_several_lines()
    {
        var rewrites = demo.Entries
            .Where(e => e.Kind == ChangeKind.Changed && e.ChangedFields.Contains(UseCaseState.Fields.Prompt))
            .ToList();

        Assert.True(rewrites.Count >= 20, $"{rewrites.Count} prompt changes");
        Assert.All(demo.Entries.Where(e => e.State is not null), e => Assert.Contains('\n', e.State!.Prompt));
        var large = rewrites.Where(e => e.Diff!.Rows.Count(r => r.Kind != PromptDiffRowKind.Unchanged) >= 3).ToList();
        Assert.True(large.Count >= 5, $"{large.Count} rewrites of three lines or more");
        Assert.Contains(large, e => e.UseCase == "summarize" && e.State!.Prompt.StartsWith("You are a careful support editor.", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_is_tuned_and_an_extra_setting_is_kept()
    {
        var changed = demo.Entries.Where(e => e.Kind == ChangeKind.Changed).SelectMany(e => e.ChangedFields).ToHashSet();

        string[] fields =
        [
            UseCaseState.Fields.Model, UseCaseState.Fields.Prompt, UseCaseState.Fields.Enabled, UseCaseState.Fields.Temperature,
            UseCaseState.Fields.TopK, UseCaseState.Fields.TopP, UseCaseState.Fields.MaxTokens, UseCaseState.Fields.ExtrasPrefix + "provider",
        ];
        Assert.Subset(changed, fields.ToHashSet());
        var translate = Versions("test", "translate")[^1].State!;
        Assert.Equal("azure", translate.Extras["provider"]);
        Assert.All(demo.Entries.Where(e => e.State is not null && e.UseCase != "translate"), e => Assert.Empty(e.State!.Extras));
    }

    [Fact]
    public void Prod_receives_promotions_of_settings_first_seen_in_test()
    {
        var promotions = demo.Entries
            .Where(e => e.Environment == "prod" && e.State is not null)
            .Count(p => demo.Entries.Any(t => t.Environment == "test" && t.UseCase == p.UseCase && t.Commit.Date < p.Commit.Date && Equals(t.State, p.State)));

        Assert.True(promotions >= 10, $"{promotions} promotions");
        Assert.True(demo.Entries.Where(e => e.Environment == "prod").Min(e => e.Commit.Date) > demo.Entries.Min(e => e.Commit.Date));
    }

    [Fact]
    public void The_working_folder_has_main_checked_out_and_clean()
    {
        using var repository = new Repository(demo.Path);

        Assert.Equal(DemoRepository.Branch, repository.Head.FriendlyName);
        Assert.Equal("main", DemoRepository.Branch);
        Assert.False(repository.RetrieveStatus().IsDirty);
        Assert.Equal(Path.GetFullPath(demo.Path), demo.Path);
    }

    [Fact]
    public void Two_creations_have_the_same_commits()
    {
        using var folder = new TemporaryFolder();

        var again = DemoRepository.Create(Path.Combine(folder.Path, "again"));

        using var first = new Repository(demo.Path);
        using var second = new Repository(again);
        Assert.Equal(first.Head.Tip.Sha, second.Head.Tip.Sha);
        Assert.Equal(demo.TipSha, second.Head.Tip.Sha);
    }

    [Fact]
    public void An_existing_empty_folder_is_used()
    {
        using var folder = new TemporaryFolder();

        var path = DemoRepository.Create(folder.Path);

        Assert.Equal(Path.GetFullPath(folder.Path), path);
        using var repository = new Repository(path);
        Assert.Equal(demo.TipSha, repository.Head.Tip.Sha);
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused()
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile("notes.txt", "keep me");

        var e = Assert.Throws<PromptWatchException>(() => DemoRepository.Create(folder.Path));

        Assert.Contains("not empty", e.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    private List<ChangeEntry> Versions(string environment, string useCase) =>
        demo.Entries.Where(e => e.Environment == environment && e.UseCase == useCase).ToList();

    /// <summary>One demo repository, scanned once, shared by the tests of the class.</summary>
    public sealed class Scanned : IDisposable
    {
        private readonly TemporaryFolder _folder = new();

        public Scanned()
        {
            Path = DemoRepository.Create(System.IO.Path.Combine(_folder.Path, "demo"));
            using var repository = new Repository(Path);
            var scan = new HistoryScanner().Scan(repository, new ScanTarget("main", WatchedFile.Defaults));
            Entries = scan.Entries;
            TipSha = scan.TipSha;
        }

        public string Path { get; }

        /// <summary>Every entry, oldest first.</summary>
        public IReadOnlyList<ChangeEntry> Entries { get; }

        public string TipSha { get; }

        public void Dispose() => _folder.Dispose();
    }
}
