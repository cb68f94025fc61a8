using PromptWatch.Model;

namespace PromptWatch.Core.Tests.Model;

public sealed class ChangeEntryTests
{
    private static ChangeEntry Entry() => new(
        ChangeKind.Changed,
        "test",
        "summarize",
        new UseCaseState("gpt-4o-mini", "Summarize.\nBe brief.", true, 0.5, null, null, null, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty),
        new CommitInfo("a1b2c3d4e5f6", new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), "summarize: be brief", "Ada", "ada@example.com"),
        "chart/values-test.yaml",
        ["prompt"],
        new UseCaseState("gpt-4o-mini", "Summarize.", true, 0.5, null, null, null, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty),
        "0f0f0f0f",
        null,
        IsLatest: true);

    [Fact]
    public void Reading_the_diff_changes_neither_the_hash_code_nor_equality()
    {
        var entry = Entry();
        var before = entry.GetHashCode();
        var keyed = new Dictionary<ChangeEntry, int> { [entry] = 1 };

        Assert.NotNull(entry.Diff);

        Assert.Equal(before, entry.GetHashCode());
        Assert.True(keyed.ContainsKey(entry));
        var other = Entry();
        Assert.Equal(entry, other);
        Assert.Equal(entry.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(entry, other with { IsLatest = false });
    }
}
