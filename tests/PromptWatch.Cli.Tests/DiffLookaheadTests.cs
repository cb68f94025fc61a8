using LibGit2Sharp;
using PromptWatch.Cli.Output;
using PromptWatch.Model;
using PromptWatch.Scanning;

namespace PromptWatch.Cli.Tests;

/// <summary>
/// <c>scan --json</c> computes prompt diffs on a second thread while it writes: the bytes must be those written without
/// it, whichever entries the second thread reached first.
/// </summary>
public sealed class DiffLookaheadTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    [Fact]
    public async Task Writing_with_diffs_computed_ahead_gives_the_bytes_written_without()
    {
        var expected = await WriteAsync(Scan(), static (entries, write) => write(Newest(entries)));

        for (var round = 0; round < 5; round++)
        {
            var written = await WriteAsync(Scan(), static (entries, write) => DiffLookahead.WriteAsync(entries, write, minimumEntries: 1));
            Assert.Equal(expected, written);
        }
    }

    [Fact]
    public async Task Diffs_already_kept_by_their_entries_are_written_as_computed_afresh()
    {
        var expected = await WriteAsync(Scan(), static (entries, write) => write(Newest(entries)));
        var scan = Scan();
        foreach (var entry in scan.Entries) _ = entry.Diff;

        Assert.Contains(scan.Entries, static entry => entry.Diff is { HasChanges: true });
        Assert.Equal(expected, await WriteAsync(scan, static (entries, write) => write(Newest(entries))));
    }

    private HistoryScan Scan()
    {
        using var repository = new Repository(demo.Path);
        return new HistoryScanner().Scan(repository, new ScanTarget(repository.Head.FriendlyName, WatchedFile.Defaults));
    }

    private static IEnumerable<ChangeEntry> Newest(System.Collections.Immutable.ImmutableArray<ChangeEntry> entries)
    {
        for (var i = entries.Length - 1; i >= 0; i--) yield return entries[i];
    }

    private static async Task<byte[]> WriteAsync(HistoryScan scan, Func<System.Collections.Immutable.ImmutableArray<ChangeEntry>, Func<IEnumerable<ChangeEntry>, Task>, Task> how)
    {
        using var bytes = new MemoryStream();
        await how(scan.Entries, timeline => TimelineJson.WriteAsync(bytes, timeline, "\n", CancellationToken.None));
        return bytes.ToArray();
    }
}
