using PromptWatch.Model;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Scanning;

/// <summary>A use case removed and later added back is compared with the version it had before the removal.</summary>
public sealed class HistoryScannerReAddedTests
{
    private const string Path = "chart/values-prod.yaml";
    private static readonly WatchedFile[] Files = [new(Path, "prod")];
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_use_case_added_back_after_its_removal_shows_its_diff_against_the_version_before_the_removal()
    {
        using var repo = TestRepository.Create();
        var before = Commit(repo, "summarize:\n  model: gpt-4o\n  prompt: |\n    Summarize the text.\n    Keep it short.\n", 0);
        var removal = Commit(repo, "translate:\n  model: gpt-4o\n  prompt: Translate.\n", 1);
        Commit(repo, "translate:\n  model: gpt-4o\n  prompt: Translate.\nsummarize:\n  model: gpt-4.1\n  prompt: |\n    Summarize the text.\n    Keep it very short.\n", 2);

        using var repository = repo.Open();
        var entries = new HistoryScanner().Scan(repository, new ScanTarget("main", Files)).Entries.Where(e => e.UseCase == "summarize").ToList();

        Assert.Equal([ChangeKind.Added, ChangeKind.Removed, ChangeKind.Added], entries.Select(e => e.Kind));
        var back = entries[2];
        Assert.Equal("gpt-4o", back.PreviousState?.Model);
        Assert.Equal(removal, back.PreviousCommitSha);
        Assert.Equal(before, entries[1].PreviousCommitSha);
        Assert.Contains(back.Diff!.Rows, r => r.Kind == PromptDiffRowKind.Unchanged && r.NewText == "Summarize the text.");
        Assert.Contains(back.Diff.Rows, r => r.Kind == PromptDiffRowKind.Modified && r.OldText == "Keep it short." && r.NewText == "Keep it very short.");
        Assert.DoesNotContain(back.Diff.Rows, r => r.Kind is PromptDiffRowKind.Inserted or PromptDiffRowKind.Deleted);

        // A first addition still has nothing to compare with.
        Assert.Null(entries[0].PreviousState);
        Assert.All(entries[0].Diff!.Rows, r => Assert.Equal(PromptDiffRowKind.Inserted, r.Kind));
    }

    private static string Commit(TestRepository repo, string content, int minute)
    {
        repo.WriteFile(Path, content);
        return repo.Commit($"Version {minute}", GitSignature.At(Start.AddMinutes(minute)));
    }
}
