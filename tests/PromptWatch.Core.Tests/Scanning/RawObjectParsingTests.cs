using LibGit2Sharp;
using System.Text;
using PromptWatch.Scanning.Native;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Scanning;

/// <summary>
/// What the walk reads from raw objects (a commit's tree, parents and committer time; a tree entry's id and mode; a
/// delta applied to its base) must agree with libgit2 wherever it answers, and odd objects must be left to libgit2.
/// </summary>
public sealed class RawObjectParsingTests
{
    [Fact]
    public void Commit_headers_read_from_bytes_agree_with_libgit2_or_are_left_to_it()
    {
        using var repo = TestRepository.Create();
        repo.WriteFile("a.txt", "a\n");
        var first = repo.Commit("First", GitSignature.At(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        repo.WriteFile("a.txt", "b\n");
        var second = repo.Commit("Second", GitSignature.At(DateTimeOffset.FromUnixTimeSeconds(1_700_000_100)));
        var tree = repo.Git("rev-parse", second.Trim() + "^{tree}").Trim();
        var header = $"tree {tree}\nparent {first.Trim()}\nparent {second.Trim()}\n";
        var cases = new (string Text, bool Read)[]
        {
            (header + "author A <a@example.com> 1700000000 +0000\ncommitter C <c@example.com> 1700000200 -0130\n\nTwo parents\n", true),
            (header + "author A <a@example.com> 1700000000 +0000\ncommitter C <c@example.com> 1700000300 +0200\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\nSigned\n", true),
            (header + "author A <a@example.com> 1 +0000\nauthor B <b@example.com> 2 +0000\ncommitter C <c@example.com> 1700000400 +0000\nencoding ISO-8859-1\n\nTwo authors\n", true),
            ($"tree {tree}\nauthor A <a@example.com> 1 +0000\ncommitter C <c@example.com> 1700000500 +0000\n\nNo parent\n", true),
            (header + "committer C <c@example.com> 1700000600 +0000\n\nNo author\n", false),
            (header + "author A <a@example.com> 1 +0000\ncommitter C c@example.com 1700000700 +0000\n\nNo brackets\n", false),
            (header + "author A <a@example.com> 1 +0000\ncommitter C <c@example.com> 1700000800 +05\n\nShort zone\n", false),
            ($"tree {tree.ToUpperInvariant()}\nauthor A <a@example.com> 1 +0000\ncommitter C <c@example.com> 1700000900 +0000\n\nUpper-case id\n", false),
        };

        using var repository = repo.Open();
        var parents = new List<GitOid>();
        foreach (var (text, read) in cases)
        {
            var id = GitWithInput(repo, ["hash-object", "-t", "commit", "--literally", "-w", "--stdin"], Encoding.UTF8.GetBytes(text));
            var parsed = RawCommitHeader.TryParse(Encoding.UTF8.GetBytes(text), parents, out var raw);
            Assert.True(read == parsed, $"{(read ? "not read" : "read")}: {text}");
            if (!parsed) continue;
            var commit = repository.Lookup<LibGit2Sharp.Commit>(id);
            Assert.Equal(commit.Committer.When.ToUnixTimeSeconds(), raw.Time);
            Assert.Equal(GitOid.From(commit.Tree.Id), raw.Tree);
            Assert.Equal(commit.Parents.Select(static p => GitOid.From(p.Id)), parents);
        }
    }

    [Fact]
    public void Commit_authors_dates_and_messages_read_from_bytes_agree_with_libgit2_or_are_left_to_it()
    {
        using var repo = TestRepository.Create();
        repo.WriteFile("a.txt", "a\n");
        var parent = repo.Commit("First", GitSignature.At(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000))).Trim();
        var tree = repo.Git("rev-parse", parent + "^{tree}").Trim();
        var header = $"tree {tree}\nparent {parent}\n";
        var cases = new (byte[] Bytes, bool Read)[]
        {
            (Utf8(header + "author  Ann  Example \t<  ann@example.com > 1700000000 +0000\ncommitter C <c@example.com> 1700000200 -0130\n\nSubject\n\nBody line\n\n"), true),
            (Utf8(header + "author A <a@example.com> 1 +0000\nauthor B <b@example.com> 2 +0000\ncommitter C <c@example.com> 1700000300 +1400\n\n\n\nLeading line breaks\r\n"), true),
            (Utf8(header + "author <> 1 -0000\ncommitter <c@example.com> 1700000400 -0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n abc\n -----END PGP SIGNATURE-----\n\nSigned"), true),
            (Utf8(header + "author Zoë <z@example.com> 1 +0530\ncommitter Ünal <u@example.com> 1700000500 +0530\n\nÜmlauts and ✓\n"), true),
            ([.. Utf8(header + "author L"), 0xE9, .. Utf8(" <l@example.com> 1 +0000\ncommitter C <c@example.com> 1700000600 +0000\nencoding ISO-8859-1\n\nCaf"), 0xE9, (byte)'\n'], true),
            (Utf8(header + "author A <a@example.com> 1 +0000\ncommitter C <c@example.com> 1700000700 +1500\n\nZone beyond 14 hours\n"), false),
            (Utf8(header + "author A <a@example.com> 1 +0000\ncommitter C <c@example.com> 1700000800 +0000\n"), false),
            (Utf8(header + "author A a@example.com 1 +0000\ncommitter C <c@example.com> 1700000900 +0000\n\nNo brackets\n"), false),
        };

        using var repository = repo.Open();
        using var libgit2 = NativeRepository.Open(repository, readsPacks: false);
        foreach (var (bytes, read) in cases)
        {
            var id = GitWithInput(repo, ["hash-object", "-t", "commit", "--literally", "-w", "--stdin"], bytes);
            var parsed = RawCommitInfo.TryParse(bytes, id, out var raw);
            Assert.True(read == parsed, $"{(read ? "not read" : "read")}: {Encoding.UTF8.GetString(bytes)}");
            if (!parsed) continue;
            var expected = libgit2.ReadCommitInfo(GitOid.From(new ObjectId(id)), id);
            Assert.Equal(expected, raw);
            Assert.Equal(expected.Date.Offset, raw.Date.Offset);
        }
    }

    [Fact]
    public void Every_commit_of_a_generated_history_reads_from_the_packs_as_libgit2_reads_it()
    {
        using var repo = PromptWatch.Tests.Differential.RandomHistory.Create(seed: 99, commits: 300, maxBackwardMinutes: 20);
        using var repository = repo.Open();
        using var fromPacks = NativeRepository.Open(repository);
        using var libgit2 = NativeRepository.Open(repository, readsPacks: false);
        var parents = new List<GitOid>();
        var libgit2Parents = new List<GitOid>();
        var commits = repo.Git("rev-list", "--all").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(commits.Length >= 300);
        foreach (var sha in commits)
        {
            var id = GitOid.From(new ObjectId(sha));
            Assert.Equal(libgit2.ReadCommitInfo(id, sha), fromPacks.ReadCommitInfo(id, sha));
            Assert.Equal(libgit2.ReadCommit(id, libgit2Parents), fromPacks.ReadCommit(id, parents));
            Assert.Equal(libgit2Parents, parents);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Tree_entries_have_the_ids_and_modes_libgit2_gives()
    {
        using var repo = TestRepository.Create();
        var blob = GitWithInput(repo, ["hash-object", "-w", "--stdin"], "content\n"u8.ToArray());
        var subtree = GitWithInput(repo, ["mktree"], Encoding.ASCII.GetBytes($"100644 blob {blob}\tinner.txt\n"));
        var entries = new (string Mode, string Name, string Id)[]
        {
            ("100644", "plain.txt", blob), ("100664", "group-writable.txt", blob), ("100755", "run.sh", blob),
            ("120000", "link", blob), ("160000", "module", blob), ("40000", "sub", subtree),
        };
        using var bytes = new MemoryStream();
        foreach (var (mode, name, id) in entries.OrderBy(static e => e.Mode == "40000" ? e.Name + "/" : e.Name, StringComparer.Ordinal))
        {
            bytes.Write(Encoding.ASCII.GetBytes($"{mode} {name}\0"));
            bytes.Write(Convert.FromHexString(id));
        }

        var tree = GitWithInput(repo, ["hash-object", "-t", "tree", "--literally", "-w", "--stdin"], bytes.ToArray());
        using var repository = repo.Open();
        var libgit2 = repository.Lookup<LibGit2Sharp.Tree>(tree);
        foreach (var (_, name, _) in entries)
        {
            Assert.True(GitTree.TryFind(bytes.ToArray(), Encoding.UTF8.GetBytes(name), out var found));
            var expected = libgit2[name];
            Assert.Equal(GitOid.From(expected.Target.Id), found!.Value.Id);
            Assert.Equal((int)expected.Mode, found.Value.Mode);
            Assert.Equal(expected.TargetType == LibGit2Sharp.TreeEntryTargetType.Blob, GitTree.IsBlob(found.Value.Mode));
            Assert.Equal(expected.TargetType == LibGit2Sharp.TreeEntryTargetType.Tree, GitTree.IsTree(found.Value.Mode));
        }

        Assert.True(GitTree.TryFind(bytes.ToArray(), "missing"u8, out var none));
        Assert.Null(none);
        Assert.False(GitTree.TryFind("100644 cut"u8, "cut"u8, out _));
        Assert.False(GitTree.TryFind("1o0644 name\0aaaaaaaaaaaaaaaaaaaa"u8, "name"u8, out _));
    }

    private static string GitWithInput(TestRepository repo, string[] arguments, byte[] input) =>
        Encoding.ASCII.GetString(repo.GitBytes(arguments, input)).Trim();

    [Fact]
    public void A_delta_copies_and_inserts_and_refuses_what_does_not_fit_its_base()
    {
        var baseData = "hello world"u8.ToArray();

        // Base size 11, result 8: copy 5 bytes from offset 0, insert "abc".
        Assert.True(GitDelta.TryApply(baseData, [11, 8, 0x91, 0, 5, 3, (byte)'a', (byte)'b', (byte)'c'], 1 << 20, out var result));
        Assert.Equal("helloabc"u8.ToArray(), result);

        Assert.False(GitDelta.TryApply(baseData, [12, 8, 0x91, 0, 5, 3, (byte)'a', (byte)'b', (byte)'c'], 1 << 20, out _)); // base size
        Assert.False(GitDelta.TryApply(baseData, [11, 9, 0x91, 0, 5, 3, (byte)'a', (byte)'b', (byte)'c'], 1 << 20, out _)); // result size
        Assert.False(GitDelta.TryApply(baseData, [11, 8, 0x91, 8, 5, 3, (byte)'a', (byte)'b', (byte)'c'], 1 << 20, out _)); // copy past the base
        Assert.False(GitDelta.TryApply(baseData, [11, 8, 0x91, 0], 1 << 20, out _)); // cut in a copy
        Assert.False(GitDelta.TryApply(baseData, [11, 8, 0x91, 0, 5, 4, (byte)'a', (byte)'b', (byte)'c'], 1 << 20, out _)); // insert past the end
        Assert.False(GitDelta.TryApply(baseData, [11, 5, 0], 1 << 20, out _)); // instruction 0
        Assert.False(GitDelta.TryApply(baseData, [11, 8, 0x91, 0, 5, 3, (byte)'a', (byte)'b', (byte)'c'], 4, out _)); // over the limit

        // A copy with no size bytes copies 64 KiB.
        var large = new byte[0x10000];
        Random.Shared.NextBytes(large);
        Assert.True(GitDelta.TryApply(large, [0x80, 0x80, 0x04, 0x80, 0x80, 0x04, 0x80], 1 << 20, out var copied));
        Assert.Equal(large, copied);
    }
}
