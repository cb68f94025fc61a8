using System.Collections.Immutable;
using System.Globalization;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Differential;

/// <summary>
/// A long seeded random history imported with <c>git fast-import</c>. Branch <c>main</c> has unrelated
/// files, use-case edits, syntax errors, CRLF versions, merges of short side branches (both sides
/// editing the values files), folder renames <c>deploy/</c> ↔ <c>chart/</c> with and without edits, a
/// deleted and restored test file, and prod created as a copy of test; commit dates repeat and go
/// backwards. For incremental scans it also makes: <c>before-linear</c> (an older tip of main, followed
/// by linear commits up to <c>linear</c>), <c>rewritten</c> (a rewrite of the linear commits) and
/// finally <c>main</c>, which merges <c>old-side</c>, a branch forked and last changed early in history.
/// </summary>
internal sealed class RandomHistory
{
    private static readonly GitSignature[] Authors =
    [
        GitSignature.At(default),
        new("Ünïcode Dev", "dev.unicode@example.com", default),
        new("Release Bot", "release-bot@example.org", default),
    ];

    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(-5), new(5, 30, 0)];

    private readonly Random _random;
    private readonly FastImportScript _script = new();
    private readonly Dictionary<int, GeneratedTree> _trees = [];
    private DateTimeOffset _clock = new(2023, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly int _maxBackwardMinutes;

    private RandomHistory(int seed, int maxBackwardMinutes)
    {
        _random = new Random(seed);
        _maxBackwardMinutes = maxBackwardMinutes;
    }

    /// <summary>
    /// Builds the history (about <paramref name="commits"/> commits on main) into a new repository. Commit
    /// dates mostly move 1 to 5 minutes forward, sometimes repeat, and one commit in twenty goes back up
    /// to <paramref name="maxBackwardMinutes"/> minutes; large values make the walk order far from the
    /// commit graph's.
    /// </summary>
    public static TestRepository Create(int seed, int commits, int maxBackwardMinutes)
    {
        var history = new RandomHistory(seed, maxBackwardMinutes);
        history.Generate(commits);
        var repo = TestRepository.Create();
        try
        {
            repo.Import(history._script);
            return repo;
        }
        catch
        {
            repo.Dispose();
            throw;
        }
    }

    private void Generate(int commits)
    {
        var noise = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        for (var i = 0; i < 5; i++) noise = noise.Add($"src/module{i}.txt", NoiseText());
        var main = Commit("main", [], new GeneratedTree("deploy", GeneratedValues.Random(_random), null, noise), "Initial commit");
        int? oldSideFork = null, oldSide = null;

        for (var step = 1; _script.CommitCount < commits; step++)
        {
            var tree = _trees[main];
            switch (step)
            {
                case 60:
                    main = Commit("main", [main], tree with { Prod = tree.Test }, "Create prod values as a copy of test");
                    continue;
                case 90:
                    oldSideFork = main;
                    oldSide = main;
                    for (var i = 0; i < 3; i++) oldSide = Commit("old-side", [oldSide.Value], Mutate(_trees[oldSide.Value]), $"Old side change {i}");
                    continue;
                case 200:
                    main = Commit("main", [main], tree with { Folder = "chart", Test = tree.Test?.Mutate(_random) }, "Move deploy/ to chart/ and edit test");
                    continue;
                case 400:
                    main = Commit("main", [main], tree with { Test = null }, "Delete test values");
                    continue;
                case 430:
                    main = Commit("main", [main], tree with { Test = GeneratedValues.Random(_random) }, "Restore test values");
                    continue;
                case 550:
                    main = Commit("main", [main], tree with { Folder = "deploy" }, "Move chart/ to deploy/");
                    continue;
                case 800:
                    main = Commit("main", [main], tree with { Folder = "chart", Prod = tree.Prod?.Mutate(_random) }, "Move deploy/ to chart/ and edit prod");
                    continue;
            }

            main = _random.Next(10) == 0 ? SideBranch(main) : Commit("main", [main], Mutate(tree), Message(step));
        }

        _script.Branch("before-linear", main);
        var beforeLinear = main;
        for (var i = 0; i < 5; i++) main = Commit("main", [main], Mutate(_trees[main]), $"Linear change {i}");
        _script.Branch("linear", main);

        var rewritten = beforeLinear;
        for (var i = 0; i < 3; i++) rewritten = Commit("rewritten", [rewritten], Mutate(_trees[rewritten]), $"Rewritten change {i}");

        var merged = _trees[main].Merge(_trees[oldSide!.Value], _trees[oldSideFork!.Value], _random);
        Commit("main", [main, oldSide.Value], merged, "Merge the old side branch");
    }

    /// <summary>Forks a side branch from main or a recent ancestor, interleaves commits on both, and merges it.</summary>
    private int SideBranch(int main)
    {
        var fork = Math.Max(1, main - _random.Next(10));
        var side = fork;
        var sideBranch = $"side-{main}";
        for (var i = 0; i < 1 + _random.Next(6); i++)
        {
            if (_random.Next(2) == 0) side = Commit(sideBranch, [side], Mutate(_trees[side]), $"Side change {i}");
            else main = Commit("main", [main], Mutate(_trees[main]), $"Main change {i} while a side branch is open");
        }

        if (side == fork) side = Commit(sideBranch, [side], Mutate(_trees[side]), "Side change");
        var merged = _trees[main].Merge(_trees[side], _trees[fork], _random);
        return Commit("main", [main, side], merged, $"Merge {sideBranch}");
    }

    private GeneratedTree Mutate(GeneratedTree tree)
    {
        for (var i = 0; i < 1 + _random.Next(2); i++)
        {
            var roll = _random.Next(100);
            if (roll < 35)
            {
                var path = $"src/module{_random.Next(30)}.txt";
                tree = tree with { Noise = tree.Noise.ContainsKey(path) && _random.Next(4) == 0 ? tree.Noise.Remove(path) : tree.Noise.SetItem(path, NoiseText()) };
            }
            else if (roll < 40 && (tree.Test ?? tree.Prod) is not null)
            {
                tree = tree.Test is not null ? tree with { Test = tree.Test with { Broken = true } } : tree with { Prod = tree.Prod! with { Broken = true } };
            }
            else if (roll < 72 || tree.Prod is null)
            {
                tree = tree with { Test = tree.Test?.Mutate(_random) };
            }
            else
            {
                tree = tree with { Prod = tree.Prod.Mutate(_random) };
            }
        }

        return tree;
    }

    private int Commit(string branch, int[] parents, GeneratedTree tree, string message)
    {
        var before = parents.Length == 0 ? [] : _trees[parents[0]].Render();
        var after = tree.Render();
        var changes = new List<FileChange>();
        foreach (var (path, content) in after)
        {
            if (!before.TryGetValue(path, out var old) || !old.AsSpan().SequenceEqual(content)) changes.Add(FileChange.Write(path, content));
        }

        changes.AddRange(before.Keys.Where(p => !after.ContainsKey(p)).Select(FileChange.Delete));

        var roll = _random.Next(100);
        _clock = roll < 15 ? _clock : roll < 95 ? _clock.AddMinutes(1 + _random.Next(5)) : _clock.AddMinutes(-1 - _random.Next(_maxBackwardMinutes));
        var offset = Offsets[_random.Next(Offsets.Length)];
        var author = Authors[_random.Next(Authors.Length)];
        author = author with { When = _clock.AddMinutes(-_random.Next(30)).ToOffset(offset) };
        var committer = new GitSignature("Test Committer", "committer@example.com", _clock.ToOffset(offset));
        message += _random.Next(6) switch
        {
            0 => "\n\nA body line — with ünïcode.\n",
            1 => "\n\n\n",
            _ => string.Empty,
        };

        var mark = _script.Commit(branch, message, author, committer, parents, changes);
        _trees[mark] = tree;
        return mark;
    }

    private string NoiseText() =>
        string.Concat(Enumerable.Range(0, 3 + _random.Next(5)).Select(_ => string.Create(CultureInfo.InvariantCulture, $"{_random.Next():x8}{_random.Next():x8}\n")));

    private string Message(int step) => _random.Next(3) switch
    {
        0 => $"Tune settings (step {step})",
        1 => $"Update configuration #{step}",
        _ => $"Change {step}: ça va",
    };
}
