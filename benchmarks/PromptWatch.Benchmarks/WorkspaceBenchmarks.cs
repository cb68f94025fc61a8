using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;
using PromptWatch.Workspaces;

namespace PromptWatch.Benchmarks;

/// <summary>
/// Multi-user workspaces on Kestrel (loopback) against the Git smart-HTTP server of <c>scripts/git-server.sh</c>, named
/// by <c>PROMPTWATCH_TEST_GIT_HTTP_URL</c>, <c>PROMPTWATCH_TEST_GIT_REPO_ROOT</c> and <c>PROMPTWATCH_TEST_GIT_HTPASSWD</c>
/// (without them the benchmarks skip themselves and say so). Each user has a copy of one small synthetic repository
/// (200 commits) and a password in the server's htpasswd and in a per-user credentials folder (<c>CredentialSource</c>
/// <c>Files</c>). <see cref="Serve"/>: <c>/{user}/{cluster}/api/changes?limit=50</c> spread over 100 live workspaces
/// with 64 requests in flight (one operation is one request; p50/p99 printed after the run); <see cref="FirstRequest"/>:
/// the first request of a new workspace, answered while its first scan (a clone over HTTP) runs in the background;
/// <see cref="FirstScan"/>: that request and the first scan completing.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class WorkspaceBenchmarks
{
    private const int Concurrency = 64;
    private const int LiveWorkspaces = 100;
    private const string Query = "api/changes?limit=50";
    private static readonly TimeSpan ScanTimeout = TimeSpan.FromSeconds(60);
    private readonly LatencyRecorder _latencies = new();
    private readonly string _cluster = $"b{Guid.NewGuid():N}"[..9] + ".apps.test";
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private string _work = "";
    private string _passwordHash = "";
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private WorkspaceManager _manager = null!;
    private long _nextRequest;
    private int _nextUser = 1_000;
    private string _newUser = "";

    /// <summary>Why the benchmarks cannot run here, or <see langword="null"/> when a Git server is named.</summary>
    public static string? UnavailableReason =>
        new[] { "PROMPTWATCH_TEST_GIT_HTTP_URL", "PROMPTWATCH_TEST_GIT_REPO_ROOT", "PROMPTWATCH_TEST_GIT_HTPASSWD" }.Any(static n => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(n)))
            ? "Workspace benchmarks skipped: PROMPTWATCH_TEST_GIT_HTTP_URL, PROMPTWATCH_TEST_GIT_REPO_ROOT and PROMPTWATCH_TEST_GIT_HTPASSWD are not set; start a server with scripts/git-server.sh start <folder> and export <folder>/env"
            : null;

    private static string RepositoryRoot => Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_GIT_REPO_ROOT")!;

    private static string Htpasswd => Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_GIT_HTPASSWD")!;

    private string Credentials => Path.Combine(_work, "credentials");

    /// <summary>A host with 100 workspaces alive, each scanned and served once.</summary>
    [GlobalSetup(Target = nameof(Serve))]
    public void SetupServing()
    {
        StartHost();
        var users = Enumerable.Range(1, LiveWorkspaces).Select(static i => "user" + i).ToList();
        Provision(users);
        foreach (var user in users) Get(user);
        foreach (var user in users) WaitForFirstScanAsync(user).GetAwaiter().GetResult();
        foreach (var user in users) Get(user);
    }

    /// <summary>A host with one workspace alive (its creation and scan warmed up), to which new users come.</summary>
    [GlobalSetup(Targets = [nameof(FirstRequest), nameof(FirstScan)])]
    public void SetupNewWorkspaces()
    {
        StartHost();
        Provision(["user999"]);
        Get("user999");
        WaitForFirstScanAsync("user999").GetAwaiter().GetResult();
    }

    /// <summary>A user who has a repository and a password but no workspace yet (not measured).</summary>
    [IterationSetup(Targets = [nameof(FirstRequest), nameof(FirstScan)])]
    public void NextUser()
    {
        _newUser = "user" + Interlocked.Increment(ref _nextUser);
        Provision([_newUser]);
    }

    /// <summary>Lets the scan that <see cref="FirstRequest"/> started end before the next iteration (not measured).</summary>
    [IterationCleanup(Target = nameof(FirstRequest))]
    public void WaitForBackgroundScan() => WaitForFirstScanAsync(_newUser).GetAwaiter().GetResult();

    /// <summary>64 requests in flight, spread over the 100 live workspaces.</summary>
    [Benchmark(OperationsPerInvoke = Concurrency, Description = "Workspaces: GET api/changes?limit=50 over 100 live workspaces, 64 in flight")]
    public async Task<long> Serve()
    {
        var requests = new Task<int>[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            var user = "user" + ((Interlocked.Increment(ref _nextRequest) % LiveWorkspaces) + 1);
            requests[i] = RequestAsync(user, record: true);
        }

        var bytes = 0L;
        foreach (var length in await Task.WhenAll(requests)) bytes += length;
        return bytes;
    }

    /// <summary>The first request of a new workspace: created, its scan started in the background, answered at once.</summary>
    [Benchmark(Description = "Workspaces: first request of a new workspace")]
    public async Task<int> FirstRequest() => await RequestAsync(_newUser);

    /// <summary>The first request of a new workspace and its first scan (clone over HTTP, scan, publish) completing.</summary>
    [Benchmark(Description = "Workspaces: first request until its first scan has completed")]
    public async Task FirstScan()
    {
        await RequestAsync(_newUser);
        await WaitForFirstScanAsync(_newUser);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_latencies.Describe() is { } latencies) Console.WriteLine($"// Workspaces ({Query} over {LiveWorkspaces} workspaces): {latencies}");
        LoopbackHost.Stop(_app, _client);
        var published = Path.Combine(RepositoryRoot, _cluster);
        if (Directory.Exists(published)) Directory.Delete(published, recursive: true);
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private void StartHost()
    {
        _work = Path.Combine(Path.GetTempPath(), "promptwatch-bench-workspaces-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Credentials);
        _passwordHash = HashPassword(_password);
        var builder = LoopbackHost.CreateBuilder();
        builder.Services.AddPromptWatch().AddWorkspaces(options =>
        {
            options.Enabled = true;
            options.GitRepoUrl = Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_GIT_HTTP_URL") + "/{cluster}/{user}/canopy-be.git";
            options.AllowedClusters.Add("*.apps.test");
            // The benchmark's clusters are allowed by that wildcard entry: it may receive the users' Git passwords.
            options.CredentialWildcards.Add("*.apps.test");
            options.CacheDirectory = Path.Combine(_work, "cache");
            options.PollInterval = TimeSpan.FromHours(1);
            // Room for every workspace the benchmarks create: none is evicted while measured.
            options.MaxAlive = 5_000;
            options.CredentialSource = WorkspaceCredentialSourceKind.Files;
            options.CredentialsDirectory = Credentials;
        });
        _app = builder.Build();
        _app.UsePathUserSignIn();
        _app.MapPromptWatch("/");
        _app.MapPromptWatchWorkspaces("/");
        _client = LoopbackHost.Start(_app, Concurrency, ScanTimeout);
        _manager = _app.Services.GetRequiredService<WorkspaceManager>();
    }

    /// <summary>Publishes a copy of the small repository for each user on the Git server, with the password in htpasswd and in the user's credentials folder.</summary>
    private void Provision(IReadOnlyCollection<string> users)
    {
        var source = SyntheticHistory.Ensure(100);
        foreach (var user in users)
        {
            CopyFolder(source, Path.Combine(RepositoryRoot, _cluster, user, "canopy-be.git"));
            Directory.CreateDirectory(Path.Combine(Credentials, user));
            File.WriteAllText(Path.Combine(Credentials, user, "git-password"), _password);
        }

        // The server reads htpasswd on every request: replace these users' lines (an earlier run's) in one move.
        var names = users.Select(static u => u + ":").ToList();
        var kept = File.ReadAllLines(Htpasswd).Where(l => !names.Any(n => l.StartsWith(n, StringComparison.Ordinal)));
        var staging = Htpasswd + ".bench-" + Environment.ProcessId;
        File.WriteAllLines(staging, kept.Concat(users.Select(u => u + ":" + _passwordHash)));
        File.Move(staging, Htpasswd, overwrite: true);
    }

    private void Get(string user)
    {
        using var response = _client.GetAsync(new Uri($"{user}/{_cluster}/{Query}", UriKind.Relative)).GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{user}: {(int)response.StatusCode} instead of 200");
    }

    private async Task<int> RequestAsync(string user, bool record = false)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await _client.GetByteArrayAsync(new Uri($"{user}/{_cluster}/{Query}", UriKind.Relative)).ConfigureAwait(false);
        if (record) _latencies.Record(started);
        return body.Length;
    }

    /// <summary>Waits until the user's workspace has scanned once, and fails unless that scan succeeded and found changes.</summary>
    private async Task WaitForFirstScanAsync(string user)
    {
        var workspace = _manager.Find(new WorkspaceKey(user, _cluster)) ?? throw new InvalidOperationException($"{user}: no workspace");
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * ScanTimeout.TotalSeconds);
        while (workspace.IsScanning)
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{user}: the first scan did not end within {ScanTimeout.TotalSeconds} s");
            await Task.Delay(1).ConfigureAwait(false);
        }

        var status = workspace.Monitor.Current.Repositories[0];
        if (!status.LastRefreshOk || status.Changes == 0) throw new InvalidOperationException($"{user}: the first scan failed or found nothing: {status.LastError}");
    }

    /// <summary>The apr1 hash of <paramref name="password"/> for the server's htpasswd (openssl passwd).</summary>
    internal static string HashPassword(string password)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "passwd", "-apr1", "-stdin" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Write(password);
        process.StandardInput.Close();
        var hash = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && hash.Length > 0 ? hash : throw new InvalidOperationException("openssl passwd -apr1 failed");
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }
}
