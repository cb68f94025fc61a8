using System.Diagnostics;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.Workspaces.Tests.Support;

/// <summary>
/// The Git smart-HTTP server of scripts/git-server.sh (git http-backend behind lighttpd, basic auth, an access log):
/// the one build.sh started (PROMPTWATCH_TEST_GIT_* variables), else one started here for this test run.
/// Repositories live at <c>&lt;url&gt;/&lt;cluster&gt;/&lt;user&gt;/canopy-be.git</c>.
/// </summary>
public sealed class GitHttpServer : IDisposable
{
    private readonly string? _ownState;

    public GitHttpServer()
    {
        if (Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_GIT_HTTP_URL") is not { Length: > 0 })
        {
            _ownState = Path.Combine(Path.GetTempPath(), "promptwatch-git-server-" + Guid.NewGuid().ToString("N")[..8]);
            Script("start", _ownState);
        }

        var env = _ownState is null ? null : File.ReadAllLines(Path.Combine(_ownState, "env")).Select(static l => l.Split('=', 2)).ToDictionary(static p => p[0], static p => p[1]);
        string Read(string name) => env?[name] ?? Environment.GetEnvironmentVariable(name)!;
        BaseUrl = Read("PROMPTWATCH_TEST_GIT_HTTP_URL");
        RepositoryRoot = Read("PROMPTWATCH_TEST_GIT_REPO_ROOT");
        AccessLog = Read("PROMPTWATCH_TEST_GIT_ACCESS_LOG");
        StateDirectory = Read("PROMPTWATCH_TEST_GIT_STATE_DIR");
    }

    /// <summary>The server's Git base URL, e.g. <c>http://127.0.0.1:port/git</c>.</summary>
    public string BaseUrl { get; }

    public string RepositoryRoot { get; }

    public string AccessLog { get; }

    public string StateDirectory { get; }

    /// <summary>The repository template of workspaces on this server.</summary>
    public string Template => BaseUrl + "/{cluster}/{user}/canopy-be.git";

    /// <summary>Adds (or replaces) a user of the server.</summary>
    public void AddUser(string user, string password) => Script("add-user", StateDirectory, user, password);

    /// <summary>Publishes <paramref name="repository"/> as the user's repository on the cluster (a bare copy), replacing any.</summary>
    public string Publish(string cluster, string user, WatchedRepository repository)
    {
        var target = Path.Combine(RepositoryRoot, cluster, user, "canopy-be.git");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        repository.Repository.Git("clone", "--quiet", "--bare", repository.Path, target);
        return target;
    }

    /// <summary>Publishes the user's repository and lets the user in with a new random password.</summary>
    /// <returns>The password.</returns>
    public string PublishWithNewPassword(string cluster, string user, WatchedRepository repository)
    {
        Publish(cluster, user, repository);
        var password = $"{user}-{Guid.NewGuid():N}";
        AddUser(user, password);
        return password;
    }

    /// <summary>Pushes the repository's new commits to its published copy.</summary>
    public static void Push(WatchedRepository repository, string bare) => repository.Repository.Git("push", "--quiet", "--force", bare, "HEAD:main");

    /// <summary>
    /// Every line of the access log up to now: lighttpd writes its log in batches, so a sentinel request is made
    /// and the log read until it shows, which means every earlier request is in it.
    /// </summary>
    public async Task<IReadOnlyList<string>> AccessLogLinesAsync()
    {
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        using (var client = new HttpClient())
        using (await client.GetAsync(new Uri($"{BaseUrl}/{sentinel}")))
        {
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var lines = ReadLog();
            if (lines.Any(l => l.Contains(sentinel, StringComparison.Ordinal))) return lines;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the access log did not show the sentinel request");
            await Task.Delay(100);
        }
    }

    private IReadOnlyList<string> ReadLog()
    {
        using var stream = new FileStream(AccessLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose()
    {
        if (_ownState is not null) Script("stop", _ownState);
    }

    private static void Script(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AspNetCore.Tests.Support.RepositoryRoot.Path, "scripts", "git-server.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000)) throw new TimeoutException("git-server.sh did not finish");
        if (process.ExitCode != 0) throw new InvalidOperationException($"git-server.sh {arguments[0]} failed: {error.Result}");
    }
}

/// <summary>One Git server for every test class of the collection.</summary>
[CollectionDefinition(Name)]
public sealed class GitServerGroup : ICollectionFixture<GitHttpServer>
{
    public const string Name = "git server";
}
