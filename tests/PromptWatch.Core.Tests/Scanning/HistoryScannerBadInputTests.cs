using PromptWatch.Model;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Scanning;

/// <summary>Unreadable file versions become error entries and the scan goes on; a missing branch is a clear failure.</summary>
public sealed class HistoryScannerBadInputTests
{
    private const string Path = "chart/values-test.yaml";
    private static readonly WatchedFile[] Files = [new(Path, "test")];
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_version_above_the_size_limit_is_an_error_and_later_versions_are_read()
    {
        using var repo = TestRepository.Create();
        Commit(repo, Values("gpt-4o"), 0);
        Commit(repo, Values("gpt-4o") + "# " + new string('x', 400) + "\n", 1);
        Commit(repo, Values("gpt-4.1"), 2);

        var entries = Scan(repo, new HistoryScannerOptions { MaxFileBytes = 200 });

        Assert.Equal([ChangeKind.Added, ChangeKind.Error, ChangeKind.Changed], entries.Select(e => e.Kind));
        Assert.Contains("limit", entries[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("gpt-4.1", entries[2].State!.Model);
    }

    [Fact]
    public void A_binary_version_is_an_error_saying_it_was_skipped()
    {
        using var repo = TestRepository.Create();
        Commit(repo, Values("gpt-4o"), 0);
        repo.WriteFile(Path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);
        repo.Commit("Binary", GitSignature.At(Start.AddMinutes(1)));
        Commit(repo, Values("gpt-4.1"), 2);

        var entries = Scan(repo);

        Assert.Equal([ChangeKind.Added, ChangeKind.Error, ChangeKind.Changed], entries.Select(e => e.Kind));
        Assert.Contains("binary", entries[1].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("skipped", entries[1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_syntax_error_is_an_error_with_its_position_and_later_versions_are_read()
    {
        using var repo = TestRepository.Create();
        Commit(repo, Values("gpt-4o"), 0);
        Commit(repo, "summarize:\n  model: gpt-4o\n  prompt: [unclosed\n", 1);
        Commit(repo, Values("gpt-4.1"), 2);

        var entries = Scan(repo);

        Assert.Equal([ChangeKind.Added, ChangeKind.Error, ChangeKind.Changed], entries.Select(e => e.Kind));
        var error = entries[1];
        Assert.Null(error.UseCase);
        Assert.False(error.IsLatest);
        Assert.NotNull(error.Error!.Line);
        Assert.NotNull(error.Error.Column);
        Assert.Equal("gpt-4o", entries[2].PreviousState!.Model);
        Assert.True(entries[2].IsLatest);
    }

    [Fact]
    public void A_missing_branch_throws_a_PromptWatchException()
    {
        using var repo = TestRepository.Create();
        Commit(repo, Values("gpt-4o"), 0);
        using var repository = repo.Open();

        var e = Assert.Throws<PromptWatchException>(() => new HistoryScanner().Scan(repository, new ScanTarget("no-such-branch", Files)));
        Assert.Contains("no-such-branch", e.Message, StringComparison.Ordinal);
    }

    private static void Commit(TestRepository repo, string content, int minute)
    {
        repo.WriteFile(Path, content);
        repo.Commit($"Version {minute}", GitSignature.At(Start.AddMinutes(minute)));
    }

    private static string Values(string model) => $"summarize:\n  model: {model}\n  prompt: Summarize.\n";

    private static List<ChangeEntry> Scan(TestRepository repo, HistoryScannerOptions? options = null)
    {
        using var repository = repo.Open();
        return [.. new HistoryScanner(options).Scan(repository, new ScanTarget("main", Files)).Entries];
    }
}
