using System.Globalization;
using System.Text;
using PromptWatch.Model;
using PromptWatch.Scanning;
using PromptWatch.Scanning.Native;
using PromptWatch.Tests.Differential;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Scanning;

/// <summary>
/// The walk reads commits and trees from the packs itself (<see cref="PackReader"/>): every object it reads must be the
/// bytes git itself gives, in every layout git writes (fast-import's packs, offset and reference deltas, deep chains,
/// several packs, loose objects beside them), and a scan must give what the scan through libgit2 alone gives.
/// </summary>
public sealed class PackReaderTests
{
    private static readonly WatchedFile[] Files = [new("chart/values-test.yaml", "test"), new("chart/values-prod.yaml", "prod")];

    public static TheoryData<string> Layouts => ["fast-import", "offset-deltas", "reference-deltas", "deep-chains", "several-packs-and-loose"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_packed_object_reads_as_git_reads_it(string layout)
    {
        using var repo = RandomHistory.Create(seed: 31337, commits: 400, maxBackwardMinutes: 20);
        Lay(repo, layout);
        var objects = GitObjects(repo);
        var packed = PackedIds(repo);
        Assert.True(packed.Count > 100, $"{packed.Count} packed objects");
        if (layout == "several-packs-and-loose") Assert.True(objects.Count > packed.Count, "some objects are loose");

        using var reader = PackReader.TryOpen(Path.Combine(repo.Path, ".git")) ?? throw new InvalidOperationException("no pack reader");
        var read = 0;
        var sized = 0;
        foreach (var (sha, (type, content)) in objects)
        {
            // A size is given without inflating for whole objects only; when given, it is the object's.
            if (reader.TryReadSize(Oid(sha), out var size))
            {
                Assert.Equal(content.Length, size);
                sized++;
            }

            var found = reader.TryRead(Oid(sha), out var readType, out var data);
            Assert.Equal(packed.Contains(sha), found);
            if (!found) continue;
            Assert.Equal(type, readType);
            Assert.True(content.AsSpan().SequenceEqual(data), $"{sha} ({TypeName(type)}) differs from git's bytes");
            read++;
        }

        Assert.Equal(packed.Count, read);
        Assert.True(sized > 0, "no size was read from an entry header");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_scan_reading_the_packs_gives_what_libgit2_alone_gives(string layout)
    {
        using var repo = RandomHistory.Create(seed: 20240601, commits: 700, maxBackwardMinutes: 20);
        Lay(repo, layout);
        using var repository = repo.Open();

        var throughLibgit2 = new HistoryScanner { ReadsPacks = false }.Scan(repository, new ScanTarget("main", Files));
        foreach (var parallel in new[] { true, false })
        {
            var fromPacks = new HistoryScanner { ReadsInParallel = parallel }.Scan(repository, new ScanTarget("main", Files));
            EntryComparison.AssertSame(throughLibgit2.Entries, fromPacks.Entries, "through libgit2", parallel ? "from the packs, in parallel" : "from the packs");
            Assert.Equal(throughLibgit2.Statistics.CommitsWalked, fromPacks.Statistics.CommitsWalked);
            Assert.Equal(throughLibgit2.Statistics.FileVersions, fromPacks.Statistics.FileVersions);
        }

        Assert.Contains(throughLibgit2.Entries, e => e.FilePath.StartsWith("deploy/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shallow_clone_is_walked_to_its_grafted_end()
    {
        using var source = RandomHistory.Create(seed: 5, commits: 200, maxBackwardMinutes: 20);
        using var folder = new TemporaryFolder();
        var clone = Path.Combine(folder.Path, "shallow");
        source.Git("clone", "--quiet", "--depth", "7", "--branch", "main", "file://" + source.Path, clone);
        using var repository = new LibGit2Sharp.Repository(clone);

        // The packs name the parents the grafts cut off; the walk must stop where git log does.
        var scan = new HistoryScanner().Scan(repository, new ScanTarget("main", Files));
        var count = int.Parse(GitProcess.RunText(clone, Path.Combine(folder.Path, "none"), ["rev-list", "--count", "main"]), CultureInfo.InvariantCulture);
        Assert.Equal(count, scan.Statistics.CommitsWalked);
    }

    [Fact]
    public void A_repository_with_alternates_is_left_to_libgit2()
    {
        using var source = RandomHistory.Create(seed: 6, commits: 200, maxBackwardMinutes: 20);
        using var folder = new TemporaryFolder();
        var clone = Path.Combine(folder.Path, "shared");
        source.Git("clone", "--quiet", "--shared", source.Path, clone);
        source.Git("-C", clone, "repack", "-q", "-a");

        Assert.NotNull(PackReader.TryOpen(Path.Combine(source.Path, ".git")));
        Assert.Null(PackReader.TryOpen(Path.Combine(clone, ".git")));
        using var repository = new LibGit2Sharp.Repository(clone);
        using var original = source.Open();
        var expected = new HistoryScanner().Scan(original, new ScanTarget("main", Files));
        var scan = new HistoryScanner().Scan(repository, new ScanTarget("main", Files));
        Assert.Equal(expected.Statistics.CommitsWalked, scan.Statistics.CommitsWalked);
        EntryComparison.AssertSame(expected.Entries, scan.Entries, "the original", "the clone with alternates");
    }

    /// <summary>Packs the repository's objects as <paramref name="layout"/> says.</summary>
    private static void Lay(TestRepository repo, string layout)
    {
        switch (layout)
        {
            case "fast-import":
                break;
            case "offset-deltas":
                repo.Git("repack", "-q", "-a", "-d", "-f");
                break;
            case "reference-deltas":
                repo.Git("-c", "repack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f");
                break;
            case "deep-chains":
                repo.Git("repack", "-q", "-a", "-d", "-f", "--depth=4000", "--window=250");
                break;
            case "several-packs-and-loose":
                repo.Git("repack", "-q", "-a", "-d", "-f");
                // A second pack of later commits, then loose objects of the newest.
                repo.Git("checkout", "-q", "main");
                for (var i = 0; i < 6; i++)
                {
                    repo.WriteFile("chart/values-test.yaml", $"summarize:\n  model: m{i}\n  prompt: |\n    Summarize {i}.\n  temperature: 0.{i}\n");
                    repo.Commit($"Later change {i}", new GitSignature("Dev", "dev@example.com", DateTimeOffset.UnixEpoch.AddYears(40).AddMinutes(i)));
                    if (i == 2) repo.Git("repack", "-q", "-d");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(layout), layout, null);
        }
    }

    /// <summary>Every object of the repository, as <c>git cat-file --batch-all-objects --batch</c> gives it.</summary>
    private static Dictionary<string, (int Type, byte[] Content)> GitObjects(TestRepository repo)
    {
        var output = repo.GitBytes(["cat-file", "--batch-all-objects", "--batch"]);
        var objects = new Dictionary<string, (int, byte[])>(StringComparer.Ordinal);
        var position = 0;
        while (position < output.Length)
        {
            var end = Array.IndexOf(output, (byte)'\n', position);
            var header = Encoding.ASCII.GetString(output, position, end - position).Split(' ');
            var size = int.Parse(header[2], CultureInfo.InvariantCulture);
            objects[header[0]] = (TypeNumber(header[1]), output.AsSpan(end + 1, size).ToArray());
            position = end + 1 + size + 1;
        }

        return objects;
    }

    /// <summary>The ids the repository's packs hold, by their indexes.</summary>
    private static HashSet<string> PackedIds(TestRepository repo)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in Directory.GetFiles(Path.Combine(repo.Path, ".git", "objects", "pack"), "*.idx"))
        {
            ids.UnionWith(ShowIndex(repo, index));
        }

        return ids;
    }

    private static IEnumerable<string> ShowIndex(TestRepository repo, string index) =>
        Encoding.ASCII.GetString(repo.GitBytes(["show-index"], File.ReadAllBytes(index)))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(static line => line.Split(' ')[1]);

    private static GitOid Oid(string sha) => System.Runtime.InteropServices.MemoryMarshal.Read<GitOid>(Convert.FromHexString(sha));

    private static int TypeNumber(string name) => name switch
    {
        "commit" => 1,
        "tree" => 2,
        "blob" => 3,
        "tag" => 4,
        _ => throw new InvalidDataException(name),
    };

    private static string TypeName(int type) => type switch { 1 => "commit", 2 => "tree", 3 => "blob", _ => "tag" };
}
