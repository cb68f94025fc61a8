using System.Globalization;
using System.Text;
using LibGit2Sharp;

namespace PromptWatch.Tests.Support;

/// <summary>
/// A real Git repository in a fresh temporary folder, made with the <c>git</c> command line and
/// deleted on dispose. Git runs without the machine's or user's configuration, so results are the
/// same everywhere. Commit small histories with <see cref="Commit"/> (after <see cref="WriteFile(string, string)"/>
/// and friends), long ones with <see cref="Import"/>.
/// </summary>
public sealed class TestRepository : IDisposable
{
    private const string Config = """
        [user]
        	name = Test Author
        	email = author@example.com
        [init]
        	defaultBranch = main
        [core]
        	autocrlf = false
        	safecrlf = false
        	quotepath = false
        [commit]
        	gpgsign = false
        [gc]
        	auto = 0
        [advice]
        	detachedHead = false

        """;

    private readonly string _root;
    private readonly string _configFile;

    private TestRepository(string root)
    {
        _root = root;
        _configFile = System.IO.Path.Combine(root, "gitconfig");
        Path = System.IO.Path.Combine(root, "repo");
        Directory.CreateDirectory(Path);
        File.WriteAllText(_configFile, Config);
        Git("init", "--quiet");
    }

    /// <summary>The repository's working folder.</summary>
    public string Path { get; }

    /// <summary>Creates an empty repository whose default branch is <c>main</c>.</summary>
    public static TestRepository Create() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "promptwatch-tests", Guid.NewGuid().ToString("N")));

    /// <summary>Runs git in the repository and returns its output; throws when git fails.</summary>
    public string Git(params string[] arguments) => GitProcess.RunText(Path, _configFile, arguments);

    /// <summary>Runs git in the repository and returns its raw output; throws when git fails.</summary>
    public byte[] GitBytes(IEnumerable<string> arguments, byte[]? input = null) => GitProcess.Run(Path, _configFile, arguments, input);

    /// <summary>Writes a file of the working folder as UTF-8, line endings as given.</summary>
    public void WriteFile(string path, string text) => WriteFile(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes a file of the working folder.</summary>
    public void WriteFile(string path, byte[] content)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    /// <summary>Deletes a file of the working folder.</summary>
    public void DeleteFile(string path) => File.Delete(FullPath(path));

    /// <summary>Moves a file or folder of the working folder.</summary>
    public void Move(string from, string to)
    {
        var source = FullPath(from);
        var destination = FullPath(to);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
        if (Directory.Exists(source)) Directory.Move(source, destination);
        else File.Move(source, destination);
    }

    /// <summary>
    /// Stages everything and commits it with the exact <paramref name="message"/> (also when nothing
    /// changed, and completing a merge started with <see cref="StartMerge"/>).
    /// </summary>
    /// <param name="message">The commit message, kept verbatim.</param>
    /// <param name="author">The author.</param>
    /// <param name="committer">The committer; the author with the same date when <see langword="null"/>.</param>
    /// <returns>The new commit's full id.</returns>
    public string Commit(string message, GitSignature author, GitSignature? committer = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        committer ??= author;
        Git("add", "--all");
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = author.Name,
            ["GIT_AUTHOR_EMAIL"] = author.Email,
            ["GIT_AUTHOR_DATE"] = author.GitDate,
            ["GIT_COMMITTER_NAME"] = committer.Name,
            ["GIT_COMMITTER_EMAIL"] = committer.Email,
            ["GIT_COMMITTER_DATE"] = committer.GitDate,
        };
        GitProcess.Run(Path, _configFile, ["commit", "--quiet", "--allow-empty", "--allow-empty-message", "--no-verify", "--cleanup=verbatim", "--file=-"], Encoding.UTF8.GetBytes(message), environment);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>
    /// Starts merging <paramref name="branch"/> into the current branch without committing; finish with
    /// <see cref="Commit"/>. Returns <see langword="false"/> when there are conflicts to resolve first
    /// (write the resolved files, then commit).
    /// </summary>
    public bool StartMerge(string branch)
    {
        try
        {
            Git("merge", "--no-ff", "--no-commit", "--quiet", branch);
            return true;
        }
        catch (InvalidOperationException) when (File.Exists(System.IO.Path.Combine(Path, ".git", "MERGE_HEAD")))
        {
            return false;
        }
    }

    /// <summary>Imports a fast-import stream; returns each mark's full commit id. The working folder is not updated.</summary>
    public IReadOnlyDictionary<int, string> Import(FastImportScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var marksFile = System.IO.Path.Combine(_root, $"marks-{Guid.NewGuid():N}");
        GitBytes(["fast-import", "--quiet", "--date-format=raw", $"--export-marks={marksFile}"], script.ToBytes());
        var marks = new Dictionary<int, string>();
        foreach (var line in File.ReadAllLines(marksFile))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            marks[int.Parse(line.AsSpan(1, space - 1), CultureInfo.InvariantCulture)] = line[(space + 1)..];
        }

        File.Delete(marksFile);
        return marks;
    }

    /// <summary>Opens the repository with LibGit2Sharp; dispose it before this object.</summary>
    public Repository Open() => new(Path);

    /// <inheritdoc />
    public void Dispose()
    {
        if (!Directory.Exists(_root)) return;
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_root, recursive: true);
    }

    private string FullPath(string path) => System.IO.Path.Combine(Path, path.Replace('/', System.IO.Path.DirectorySeparatorChar));
}
