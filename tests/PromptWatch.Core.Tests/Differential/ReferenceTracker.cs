using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Tests.Differential;

/// <summary>
/// The entry rules, written from the specification and independently of the scanner: given every
/// file version in history order, the entries the scanner must produce.
/// </summary>
internal sealed class ReferenceTracker
{
    private readonly Dictionary<(int File, string UseCase), (UseCaseState? State, string LastSha, UseCaseState? Removed)> _known = [];
    private readonly Dictionary<int, List<string>> _firstSeen = [];
    private readonly List<ChangeEntry> _entries = [];

    /// <summary>Applies one version: <paramref name="useCases"/> and <paramref name="error"/> are <see langword="null"/> when the file is absent.</summary>
    public void Apply(int file, WatchedFile watched, CommitInfo commit, string path, IReadOnlyList<KeyValuePair<string, UseCaseState>>? useCases, ConfigError? error)
    {
        if (!_firstSeen.TryGetValue(file, out var order)) _firstSeen[file] = order = [];

        if (error is not null)
        {
            _entries.Add(new ChangeEntry(ChangeKind.Error, watched.Environment, null, null, commit, path, [], null, null, error, false));
            return;
        }

        var inFile = new List<string>();
        foreach (var (name, state) in useCases ?? [])
        {
            inFile.Add(name);
            var found = _known.TryGetValue((file, name), out var last);
            if (!found) order.Add(name);
            if (!found || last.State is null)
            {
                // Added back after a removal: compared with the state it had when it was removed.
                Emit(ChangeKind.Added, watched, name, state, commit, path, FieldsOf(state), found ? last.Removed : null, found ? last.LastSha : null);
            }
            else if (!SameState(last.State, state))
            {
                Emit(ChangeKind.Changed, watched, name, state, commit, path, ReferenceValuesReader.ChangedFields(last.State, state), last.State, last.LastSha);
            }
            else
            {
                continue;
            }

            _known[(file, name)] = (state, commit.Sha, null);
        }

        foreach (var name in order.Where(n => !inFile.Contains(n)))
        {
            var last = _known[(file, name)];
            if (last.State is null) continue;
            Emit(ChangeKind.Removed, watched, name, null, commit, path, [], last.State, last.LastSha);
            _known[(file, name)] = (null, commit.Sha, last.State);
        }
    }

    /// <summary>The entries, oldest first, with <see cref="ChangeEntry.IsLatest"/> set.</summary>
    public List<ChangeEntry> Entries()
    {
        var result = _entries.ToList();
        var seen = new HashSet<(string, string)>();
        for (var i = result.Count - 1; i >= 0; i--)
        {
            if (result[i].Kind == ChangeKind.Error) continue;
            if (seen.Add((result[i].Environment, result[i].UseCase!))) result[i] = result[i] with { IsLatest = true };
        }

        return result;
    }

    private void Emit(ChangeKind kind, WatchedFile watched, string useCase, UseCaseState? state, CommitInfo commit, string path, ImmutableArray<string> fields, UseCaseState? previous, string? previousSha) =>
        _entries.Add(new ChangeEntry(kind, watched.Environment, useCase, state, commit, path, fields, previous, previousSha, null, false));

    private static ImmutableArray<string> FieldsOf(UseCaseState state)
    {
        var fields = new List<string> { "model", "prompt", "enabled" };
        if (state.Temperature.HasValue) fields.Add("temperature");
        if (state.TopK.HasValue) fields.Add("top_k");
        if (state.TopP.HasValue) fields.Add("top_p");
        if (state.MaxTokens.HasValue) fields.Add("max_tokens");
        fields.AddRange(state.Extras.Keys.Order(StringComparer.Ordinal).Select(k => "extras." + k));
        return [.. fields];
    }

    private static bool SameState(UseCaseState a, UseCaseState b) =>
        a.Model == b.Model && a.Prompt == b.Prompt && a.Enabled == b.Enabled && a.Temperature == b.Temperature
        && a.TopK == b.TopK && a.TopP == b.TopP && a.MaxTokens == b.MaxTokens
        && a.Extras.Count == b.Extras.Count && a.Extras.All(e => b.Extras.TryGetValue(e.Key, out var v) && v == e.Value);
}
