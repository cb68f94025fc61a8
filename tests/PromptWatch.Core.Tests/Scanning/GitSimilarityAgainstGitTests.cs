using System.Diagnostics;
using System.Text;
using PromptWatch.Scanning;

namespace PromptWatch.Tests.Scanning;

/// <summary>
/// Renames a.txt to b.txt with edited content in a scratch repository and checks that git's printed
/// similarity (<c>R087</c>) and its rename-or-not decision are what <see cref="GitSimilarity"/> computes.
/// </summary>
/// <remarks>
/// Git before 2.43.2 ignored a final line without a line feed when hashing; the shared cases end
/// their files with a complete line so that every git version scores them alike, and
/// <see cref="Final_incomplete_line_counts_as_in_git_2_43_2_and_later"/> covers the difference.
/// </remarks>
public sealed class GitSimilarityAgainstGitTests
{
    private const int OnePercent = GitSimilarity.MaxScore / 100;

    public static TheoryData<string> NamedCases => [.. Cases.Keys];

    private static readonly Dictionary<string, (byte[] Source, byte[] Destination, bool Renamed)> Cases = new()
    {
        ["identical"] = (Lines(20, "line {0:00}: the quick brown fox\n"), Lines(20, "line {0:00}: the quick brown fox\n"), true),
        ["one word changed"] = (Lines(20, "line {0:00}: the quick brown fox\n"), Edit(Lines(20, "line {0:00}: the quick brown fox\n"), "line 07: the quick", "line 07: the slow"), true),
        ["lines appended"] = (Lines(20, "line {0:00}: jumps over\n"), [.. Lines(20, "line {0:00}: jumps over\n"), .. Lines(6, "extra {0}\n")], true),
        ["lines deleted"] = (Lines(30, "entry {0:00} of a list\n"), Lines(22, "entry {0:00} of a list\n"), true),
        ["lf to crlf"] = (Lines(30, "temperature: 0.{0}\n"), Lines(30, "temperature: 0.{0}\r\n"), true),
        ["crlf to lf"] = (Lines(30, "temperature: 0.{0}\r\n"), Lines(30, "temperature: 0.{0}\n"), true),
        ["lone carriage returns"] = (Lines(30, "a\rb {0}\n"), Lines(30, "a\rb {0}\r\n"), true),
        ["long lines"] = (Lines(12, "{0:00} " + new string('x', 150) + "\n"), Edit(Lines(12, "{0:00} " + new string('x', 150) + "\n"), "05 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "05 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy"), true),
        ["long line shifted"] = (Lines(1, new string('q', 1000) + "\n"), [(byte)'!', .. Lines(1, new string('q', 1000) + "\n")], true),
        ["exactly 64 bytes per line"] = (Lines(20, "{0:00}" + new string('z', 61) + "\n"), Lines(18, "{0:00}" + new string('z', 61) + "\n"), true),
        ["no final newline"] = (Encoding.ASCII.GetBytes("alpha\nbeta\ngamma"), Encoding.ASCII.GetBytes("alpha\nbeta\ngamma delta"), true),
        ["binary edited"] = (Binary(600, 1), EditBinary(Binary(600, 1), 100, 40), true),
        ["text to binary"] = (Lines(20, "row {0}\r\n"), [.. Lines(20, "row {0}\r\n"), 0, (byte)'\n'], false),
        ["text to binary without carriage returns"] = (Lines(20, "row {0}\n"), [.. Lines(20, "row {0}\n"), 0, (byte)'\n'], true),
        ["exactly 50 percent"] = (Lines(10, "line {0:00}: abcdefghij\n"), [.. Lines(5, "line {0:00}: abcdefghij\n"), .. Lines(5, "LINE {0:00}: ABCDEFGHIJ\n")], true),
        ["just under 50 percent"] = (Lines(10, "line {0:00}: abcdefghij\n"), [.. Lines(5, "line {0:00}: abcdefghij\n"), .. Lines(5, "LINE {0:00}: ABCDEFGHIJ\n"), (byte)'!'], false),
        ["40 percent"] = (Lines(10, "line {0:00}: abcdefghij\n"), [.. Lines(4, "line {0:00}: abcdefghij\n"), .. Lines(6, "LINE {0:00}: ABCDEFGHIJ\n")], false),
        ["sizes too different"] = (Lines(10, "v{0}\n"), [.. Lines(10, "v{0}\n"), .. Lines(30, "w{0}\n")], false),
        ["unrelated"] = (Lines(10, "first file {0}\n"), Lines(10, "other text {0}\n"), false),
    };

    [Theory]
    [MemberData(nameof(NamedCases))]
    public void Similarity_matches_git(string name)
    {
        var (source, destination, renamed) = Cases[name];

        var defaultScore = GitSimilarity.Score(source, destination);
        using var repository = ScratchRepository.WithRename(source, destination);
        AssertSameAsGit(repository, defaultScore, GitSimilarity.DefaultMinimumScore, "-M");
        AssertSameAsGit(repository, GitSimilarity.Score(source, destination, OnePercent), OnePercent, "--find-renames=1%");
        Assert.Equal(renamed, defaultScore >= GitSimilarity.DefaultMinimumScore);
    }

    [Fact]
    public void Final_incomplete_line_counts_as_in_git_2_43_2_and_later()
    {
        var source = "aaaa\nbbbb\ncccc\ndddd\ntail"u8.ToArray();
        var destination = "aaaa\nBBBB\ncccc\ndddd\ntail"u8.ToArray();

        var score = GitSimilarity.Score(source, destination);

        // 15 bytes of complete lines plus the 4-byte "tail" of 24 bytes.
        Assert.Equal(19 * GitSimilarity.MaxScore / 24, score);
        using var repository = ScratchRepository.WithRename(source, destination);
        var gitHashesFinalLine = repository.GitVersion >= new Version(2, 43, 2);
        // Older git counts only the 15 bytes of complete lines.
        var expected = gitHashesFinalLine ? score : 15 * GitSimilarity.MaxScore / 24;
        AssertSameAsGit(repository, expected, GitSimilarity.DefaultMinimumScore, "-M");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Similarity_of_randomly_edited_files_matches_git(int seed)
    {
        var random = new Random(seed);
        var source = RandomText(random, random.Next(20, 120));
        var destination = RandomEdit(random, source);

        using var repository = ScratchRepository.WithRename(source, destination);
        AssertSameAsGit(repository, GitSimilarity.Score(source, destination), GitSimilarity.DefaultMinimumScore, "-M");
        AssertSameAsGit(repository, GitSimilarity.Score(source, destination, OnePercent), OnePercent, "--find-renames=1%");
    }

    private static void AssertSameAsGit(ScratchRepository repository, int ourScore, int minimumScore, string renameOption)
    {
        var status = repository.Run("diff", renameOption, "--name-status", "HEAD~1", "HEAD")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        if (ourScore >= minimumScore)
        {
            var rename = Assert.Single(status);
            Assert.Matches(@"^R\d{3}\ta\.txt\tb\.txt$", rename);
            Assert.Equal(int.Parse(rename[1..4]), ourScore * 100 / GitSimilarity.MaxScore);
        }
        else
        {
            Assert.Equal(["D\ta.txt", "A\tb.txt"], status);
        }
    }

    private static byte[] Lines(int count, string format) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, count).Select(i => string.Format(format, i))));

    private static byte[] Edit(byte[] content, string from, string to)
    {
        var text = Encoding.ASCII.GetString(content);
        Assert.Contains(from, text);
        return Encoding.ASCII.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    private static byte[] Binary(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[10] = 0;
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static byte[] EditBinary(byte[] content, int at, int length)
    {
        var edited = (byte[])content.Clone();
        for (var i = at; i < at + length; i++) edited[i] ^= 0x5A;
        return edited;
    }

    private static byte[] RandomText(Random random, int lines)
    {
        var text = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            var length = random.Next(0, random.Next(2) == 0 ? 20 : 150);
            for (var j = 0; j < length; j++) text.Append((char)random.Next('a', 'g'));
            text.Append(random.Next(4) == 0 ? "\r\n" : "\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] RandomEdit(Random random, byte[] source)
    {
        var lines = Encoding.ASCII.GetString(source).Split('\n').ToList();
        var edits = random.Next(1, Math.Max(2, lines.Count / 2));
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(3))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, new string('k', random.Next(1, 90)));
                    break;
                default:
                    lines[at] = lines[at].Length > 3 ? lines[at][..(lines[at].Length / 2)] + "#" + lines[at][(lines[at].Length / 2)..] : "#";
                    break;
            }
        }

        var text = string.Join('\n', lines);
        return Encoding.ASCII.GetBytes(text.EndsWith('\n') ? text : text + "\n");
    }

    /// <summary>A throw-away git repository driven through the <c>git</c> command line.</summary>
    private sealed class ScratchRepository : IDisposable
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("promptwatch-similarity-");

        private ScratchRepository() => Run("init", "--quiet");

        /// <summary>A repository whose first commit adds a.txt and whose second replaces it with b.txt.</summary>
        public static ScratchRepository WithRename(byte[] source, byte[] destination)
        {
            var repository = new ScratchRepository();
            try
            {
                repository.Commit("a.txt", source, remove: null);
                repository.Commit("b.txt", destination, remove: "a.txt");
                return repository;
            }
            catch
            {
                repository.Dispose();
                throw;
            }
        }

        /// <summary>The version of the git command line, for example 2.39.5.</summary>
        public Version GitVersion
        {
            get
            {
                var match = System.Text.RegularExpressions.Regex.Match(Run("--version"), @"(\d+)\.(\d+)\.(\d+)");
                Assert.True(match.Success, "git --version printed no version");
                return new Version(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value));
            }
        }

        public void Commit(string path, byte[] content, string? remove)
        {
            if (remove is not null) Run("rm", "--quiet", remove);
            File.WriteAllBytes(Path.Combine(_directory.FullName, path), content);
            Run("add", path);
            Run("commit", "--quiet", "--message", "change " + path);
        }

        public string Run(params string[] arguments)
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = _directory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var setting in (string[])["user.name=PromptWatch Tests", "user.email=tests@example.invalid", "core.autocrlf=false", "commit.gpgsign=false", "diff.renameLimit=0"])
            {
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add(setting);
            }

            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            start.Environment["GIT_CONFIG_GLOBAL"] = Path.Combine(_directory.FullName, ".git", "no-global-config");
            start.Environment["LC_ALL"] = "C";

            using var git = Process.Start(start)!;
            var errors = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {errors.Result}");
            return output;
        }

        public void Dispose()
        {
            foreach (var file in _directory.EnumerateFiles("*", SearchOption.AllDirectories)) file.Attributes = FileAttributes.Normal;
            _directory.Delete(recursive: true);
        }
    }
}
