using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Cli.Output;

/// <summary>
/// Computes the prompt diffs of a timeline on a second thread while it is written, from the oldest entry up, as the
/// writer goes from the newest down; each stops where the other has been. The writer takes a diff computed here and
/// computes the rest itself, so the bytes written are the same with or without it.
/// </summary>
internal sealed class DiffLookahead
{
    /// <summary>Below this many entries a second thread costs more than it saves.</summary>
    internal const int MinimumEntries = 256;

    private readonly ImmutableArray<ChangeEntry> _entries;
    private int _writing;

    private DiffLookahead(ImmutableArray<ChangeEntry> entries)
    {
        _entries = entries;
        _writing = entries.Length;
    }

    /// <summary>
    /// Writes <paramref name="entries"/> newest first through <paramref name="write"/>, with their diffs computed ahead
    /// on a second thread when the machine has one and the timeline has at least <paramref name="minimumEntries"/> entries.
    /// </summary>
    public static async Task WriteAsync(ImmutableArray<ChangeEntry> entries, Func<IEnumerable<ChangeEntry>, Task> write, int minimumEntries = MinimumEntries)
    {
        if (entries.Length < minimumEntries || Environment.ProcessorCount < 2)
        {
            await write(NewestFirst(entries)).ConfigureAwait(false);
            return;
        }

        var lookahead = new DiffLookahead(entries);
        var ahead = Task.Factory.StartNew(lookahead.ComputeAhead, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await write(lookahead.Timeline()).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref lookahead._writing, -1);
            await ahead.ConfigureAwait(false);
        }
    }

    private static IEnumerable<ChangeEntry> NewestFirst(ImmutableArray<ChangeEntry> entries)
    {
        for (var i = entries.Length - 1; i >= 0; i--) yield return entries[i];
    }

    private IEnumerable<ChangeEntry> Timeline()
    {
        for (var i = _entries.Length - 1; i >= 0; i--)
        {
            Volatile.Write(ref _writing, i);
            yield return _entries[i];
        }
    }

    private void ComputeAhead()
    {
        // Diffs are immutable once computed and kept by their entry, so an entry's diff read here is the writer's too.
        for (var i = 0; i < Volatile.Read(ref _writing) - 1; i++) _ = _entries[i].Diff;
    }
}
