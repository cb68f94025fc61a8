using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;
using PromptWatch.Workspaces;

namespace PromptWatch.Benchmarks;

/// <summary>
/// A measured scenario rather than a BenchmarkDotNet job (it is one long run): <c>--workspace-scale [workspaces]</c>,
/// by default 500 users with one workspace each, every workspace a 2,000-commit history on the Git smart-HTTP server of
/// <c>scripts/git-server.sh</c> (one generated repository published under every user's name as a symbolic link; each
/// workspace still clones it over HTTP into its own cache folder). It prints the process's resident memory before,
/// during and after, the time from the first request until every workspace has scanned, and the latencies of
/// <c>api/changes?limit=50</c> spread over all workspaces with 64 requests in flight. Requests are authenticated as the
/// workspace's own user.
/// </summary>
internal static class WorkspaceScale
{
    private const int Commits = 2_000;
    private const int Concurrency = 64;
    private const int Requests = 20_000;
    private const string Query = "api/changes?limit=50";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(30);

    public static int Run(int workspaces)
    {
        if (WorkspaceBenchmarks.UnavailableReason is { } reason)
        {
            Console.WriteLine("// " + reason);
            return 2;
        }

        var root = Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_GIT_REPO_ROOT")!;
        var htpasswd = Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_GIT_HTPASSWD")!;
        var work = Path.Combine(Path.GetTempPath(), "promptwatch-workspace-scale-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = $"s{Guid.NewGuid():N}"[..9] + ".apps.test";
        var published = Path.Combine(root, cluster);
        var users = Enumerable.Range(1, workspaces).Select(static i => "user" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        try
        {
            // main is the history's last commit: the generated commits plus the extra ones.
            var source = SyntheticHistory.Ensure(Commits - SyntheticHistory.ExtraCommits);
            Provision(users, source, published, Path.Combine(work, "credentials"), htpasswd);
            return Measure(users, cluster, work);
        }
        finally
        {
            if (Directory.Exists(published)) Directory.Delete(published, recursive: true);
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static int Measure(List<string> users, string cluster, string work)
    {
        var builder = LoopbackHost.CreateBuilder();
        builder.Services.AddPromptWatch().AddWorkspaces(options =>
        {
            options.Enabled = true;
            options.GitRepoUrl = Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_GIT_HTTP_URL") + "/{cluster}/{user}/canopy-be.git";
            options.AllowedClusters.Add("*.apps.test");
            // The benchmark's clusters are allowed by that wildcard entry: it may receive the users' Git passwords.
            options.CredentialWildcards.Add("*.apps.test");
            options.CacheDirectory = Path.Combine(work, "cache");
            options.PollInterval = TimeSpan.FromHours(1);
            options.MaxAlive = users.Count * 2;
            options.CredentialSource = WorkspaceCredentialSourceKind.Files;
            options.CredentialsDirectory = Path.Combine(work, "credentials");
        });
        var app = builder.Build();
        app.UsePathUserSignIn();
        app.MapPromptWatchWorkspaces("/");
        var client = LoopbackHost.Start(app, Concurrency, Bound);
        try
        {
            var manager = app.Services.GetRequiredService<WorkspaceManager>();
            var idle = Resident();
            Console.WriteLine($"// Workspace scale: {users.Count} workspaces of {Commits:N0} commits each, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; host idle: {Mb(idle)} resident, managed heap {Mb(ManagedHeap())}");

            var peak = 0L;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Resident());
                    try
                    {
                        await Task.Delay(100, sampling.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });

            var started = Stopwatch.GetTimestamp();
            Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (user, _) => GetAsync(client, user, cluster)).GetAwaiter().GetResult();
            var created = Stopwatch.GetElapsedTime(started);
            // A clone that failed (on this busy machine, git http-backend sometimes ends a response early under 500
            // concurrent clones) is refreshed again, as the next poll would, and counted.
            var retried = 0;
            foreach (var user in users)
            {
                for (var attempt = 0; !WaitForFirstScan(manager, user, cluster, started); attempt++)
                {
                    if (attempt == 3) throw new InvalidOperationException($"{user}: the first scan failed four times: {manager.Find(new WorkspaceKey(user, cluster))!.Monitor.Current.Repositories[0].LastError}");
                    retried++;
                    using var refresh = client.PostAsync(new Uri($"{user}/{cluster}/api/refresh", UriKind.Relative), null).GetAwaiter().GetResult();
                }
            }

            var scanned = Stopwatch.GetElapsedTime(started);
            sampling.Cancel();
            sampler.GetAwaiter().GetResult();
            var managed = ManagedHeap();
            var settled = Resident();
            Console.WriteLine($"// Created {users.Count} workspaces in {created.TotalSeconds:F1} s; all scanned {scanned.TotalSeconds:F1} s after the first request; {retried} failed first clones refreshed again");
            Console.WriteLine($"// Resident: peak {Mb(Math.Max(peak, settled))} while scanning, {Mb(settled)} after (managed heap {Mb(managed)}); {Mb((settled - idle) / users.Count)} resident per workspace");
            Console.WriteLine("// After scanning: " + Breakdown());

            var latencies = new LatencyRecorder(Requests);
            var next = -1L;
            var serving = Stopwatch.GetTimestamp();
            Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => ServeAsync(client, users, cluster, latencies, () => Interlocked.Increment(ref next)))).GetAwaiter().GetResult();
            var elapsed = Stopwatch.GetElapsedTime(serving);
            Console.WriteLine($"// {Query} spread over {users.Count} workspaces, {Concurrency} in flight: {Requests / elapsed.TotalSeconds:F0} requests/s, {latencies.Describe()}");
            var servedResident = Resident();
            var servedHeap = ManagedHeap();
            // What the garbage collector had not reclaimed yet (it is lazy while the machine has memory to spare) against what stays.
            Console.WriteLine($"// Resident after serving: {Mb(servedResident)}, {Mb(Resident())} after a full collection (managed heap {Mb(servedHeap)}), peak of the whole run {Mb(Math.Max(peak, PeakResident()))}");
            Console.WriteLine("// After serving: " + Breakdown());
            var views = manager.ViewCache;
            Console.WriteLine($"// Shared view cache: {Mb(views.Bytes)} of {Mb(views.BudgetBytes)} in {views.Count:N0} parts ({Mb(views.Bytes / users.Count)} per workspace), {views.Evicted:N0} parts evicted");
            return 0;
        }
        finally
        {
            LoopbackHost.Stop(app, client);
        }
    }

    private static async Task ServeAsync(HttpClient client, List<string> users, string cluster, LatencyRecorder latencies, Func<long> next)
    {
        for (var request = next(); request < Requests; request = next())
        {
            var user = users[(int)(request % users.Count)];
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri($"{user}/{cluster}/{Query}", UriKind.Relative)).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{user}: {(int)response.StatusCode} instead of 200");
            latencies.Record(started);
        }
    }

    /// <summary>Publishes the history under every user's name (a symbolic link each), with one password for all, in htpasswd and in each user's credentials folder.</summary>
    private static void Provision(List<string> users, string source, string published, string credentials, string htpasswd)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        foreach (var user in users)
        {
            Directory.CreateDirectory(Path.Combine(published, user));
            Directory.CreateSymbolicLink(Path.Combine(published, user, "canopy-be.git"), source);
            Directory.CreateDirectory(Path.Combine(credentials, user));
            File.WriteAllText(Path.Combine(credentials, user, "git-password"), password);
        }

        var hash = WorkspaceBenchmarks.HashPassword(password);
        var names = users.Select(static u => u + ":").ToHashSet(StringComparer.Ordinal);
        var kept = File.ReadAllLines(htpasswd).Where(l => !names.Contains(l[..(l.IndexOf(':', StringComparison.Ordinal) + 1)]));
        var staging = htpasswd + ".scale-" + Environment.ProcessId;
        File.WriteAllLines(staging, kept.Concat(users.Select(u => u + ":" + hash)));
        File.Move(staging, htpasswd, overwrite: true);
    }

    private static async ValueTask GetAsync(HttpClient client, string user, string cluster)
    {
        using var response = await client.GetAsync(new Uri($"{user}/{cluster}/{Query}", UriKind.Relative)).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{user}: {(int)response.StatusCode} instead of 200");
    }

    /// <summary>Waits until the workspace is not scanning; true when its last scan succeeded and found changes.</summary>
    private static bool WaitForFirstScan(WorkspaceManager manager, string user, string cluster, long started)
    {
        var workspace = manager.Find(new WorkspaceKey(user, cluster)) ?? throw new InvalidOperationException($"{user}: no workspace");
        while (workspace.IsScanning)
        {
            if (Stopwatch.GetElapsedTime(started) > Bound) throw new TimeoutException($"{user}: the first scan did not end within {Bound.TotalMinutes} minutes");
            Thread.Sleep(10);
        }

        var status = workspace.Monitor.Current.Repositories[0];
        if (status.LastRefreshOk && status.Changes == 0) throw new InvalidOperationException($"{user}: the first scan found nothing");
        if (!status.LastRefreshOk) Console.WriteLine($"// {user}: {status.LastError}");
        return status.LastRefreshOk;
    }

    /// <summary>The managed heap after a full collection.</summary>
    private static long ManagedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetGCMemoryInfo().HeapSizeBytes;
    }

    /// <summary>
    /// Where the resident memory is: anonymous (heaps, native allocations) against file-backed (mapped pack files and
    /// libraries), from <c>/proc/self/status</c>, and what the garbage collector has committed against what its heap holds.
    /// </summary>
    private static string Breakdown()
    {
        var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "?";
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        return $"RssAnon {Field("RssAnon")}, RssFile {Field("RssFile")}; GC committed {Mb(info.TotalCommittedBytes)}, heap {Mb(info.HeapSizeBytes)}, fragmented {Mb(info.FragmentedBytes)}; {process.Threads.Count} threads";
    }

    private static long Resident()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static long PeakResident()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";
}
