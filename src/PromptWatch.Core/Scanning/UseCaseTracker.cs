using System.Collections.Immutable;
using PromptWatch.Model;
using PromptWatch.Parsing;

namespace PromptWatch.Scanning;

/// <summary>
/// The last known state of every use case of every watched file, turning file versions (oldest
/// first) into change entries. Cloned for each incremental scan, so scan results stay immutable.
/// </summary>
internal sealed class UseCaseTracker
{
    private readonly Dictionary<(int File, string UseCase), Track> _tracks;
    private readonly List<string>[] _firstSeenOrder;
    private readonly Dictionary<(string Environment, string UseCase), int> _latestIndex;

    public UseCaseTracker(int fileCount)
    {
        _tracks = [];
        _firstSeenOrder = new List<string>[fileCount];
        for (var i = 0; i < fileCount; i++) _firstSeenOrder[i] = [];
        _latestIndex = [];
    }

    private UseCaseTracker(UseCaseTracker source)
    {
        _tracks = new(source._tracks);
        _firstSeenOrder = [.. source._firstSeenOrder.Select(static order => new List<string>(order))];
        _latestIndex = new(source._latestIndex);
    }

    public UseCaseTracker Clone() => new(this);

    /// <summary>How many use cases of watched file <paramref name="file"/> exist after the last version applied.</summary>
    public int LiveUseCases(int file) => _firstSeenOrder[file].Count(useCase => _tracks[(file, useCase)].State is not null);

    /// <summary>Records a file version: its parsed content, or <see langword="null"/> when the file is absent.</summary>
    public void Apply(int file, WatchedFile watched, CommitInfo commit, string path, ParsedConfig? parsed, ImmutableArray<ChangeEntry>.Builder entries)
    {
        if (parsed?.Error is { } error)
        {
            entries.Add(new ChangeEntry(ChangeKind.Error, watched.Environment, null, null, commit, path, [], null, null, error, IsLatest: false));
            return;
        }

        HashSet<string>? present = null;
        if (parsed is not null)
        {
            present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (useCase, state) in parsed.UseCases)
            {
                present.Add(useCase);
                var key = (file, useCase);
                if (!_tracks.TryGetValue(key, out var track))
                {
                    _firstSeenOrder[file].Add(useCase);
                    Add(entries, watched, useCase, ChangeKind.Added, state, commit, path, AllSetFields(state), null, null);
                }
                else if (track.State is null)
                {
                    // Added back after a removal: its diff is against the version it had before the removal.
                    Add(entries, watched, useCase, ChangeKind.Added, state, commit, path, AllSetFields(state), track.BeforeRemoval, track.LastCommitSha);
                }
                else if (!track.State.Equals(state))
                {
                    Add(entries, watched, useCase, ChangeKind.Changed, state, commit, path, state.ChangedFieldsSince(track.State), track.State, track.LastCommitSha);
                }
                else
                {
                    continue;
                }

                _tracks[key] = new Track(state, commit.Sha, null);
            }
        }

        foreach (var useCase in _firstSeenOrder[file])
        {
            if (present?.Contains(useCase) == true) continue;
            var key = (file, useCase);
            var track = _tracks[key];
            if (track.State is null) continue;
            Add(entries, watched, useCase, ChangeKind.Removed, null, commit, path, [], track.State, track.LastCommitSha);
            _tracks[key] = new Track(null, commit.Sha, track.State);
        }
    }

    private void Add(
        ImmutableArray<ChangeEntry>.Builder entries,
        WatchedFile watched,
        string useCase,
        ChangeKind kind,
        UseCaseState? state,
        CommitInfo commit,
        string path,
        ImmutableArray<string> changedFields,
        UseCaseState? previous,
        string? previousCommit)
    {
        var latestKey = (watched.Environment, useCase);
        if (_latestIndex.TryGetValue(latestKey, out var latest))
        {
            entries[latest] = entries[latest] with { IsLatest = false };
        }

        _latestIndex[latestKey] = entries.Count;
        entries.Add(new ChangeEntry(kind, watched.Environment, useCase, state, commit, path, changedFields, previous, previousCommit, null, IsLatest: true));
    }

    private static ImmutableArray<string> AllSetFields(UseCaseState state)
    {
        var fields = ImmutableArray.CreateBuilder<string>();
        fields.Add(UseCaseState.Fields.Model);
        fields.Add(UseCaseState.Fields.Prompt);
        fields.Add(UseCaseState.Fields.Enabled);
        if (state.Temperature is not null) fields.Add(UseCaseState.Fields.Temperature);
        if (state.TopK is not null) fields.Add(UseCaseState.Fields.TopK);
        if (state.TopP is not null) fields.Add(UseCaseState.Fields.TopP);
        if (state.MaxTokens is not null) fields.Add(UseCaseState.Fields.MaxTokens);
        foreach (var key in state.Extras.Keys) fields.Add(UseCaseState.Fields.ExtrasPrefix + key);
        return fields.ToImmutable();
    }

    /// <summary>
    /// A use case's last known state (<see langword="null"/> once removed), the commit of its last entry, and once removed
    /// the state it had before the removal.
    /// </summary>
    private readonly record struct Track(UseCaseState? State, string LastCommitSha, UseCaseState? BeforeRemoval);
}
