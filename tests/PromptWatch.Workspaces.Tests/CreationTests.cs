using Microsoft.Extensions.Options;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Creating a workspace (reading its credentials, building its store and monitor) holds up no other workspace.</summary>
public sealed class CreationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_slow_creation_holds_up_only_the_requests_for_that_workspace()
    {
        using var cache = new TemporaryFolder();
        using var credentials = new BlockingCredentialSource("user1");
        using var metrics = new PromptWatchMetrics();
        using var workspaceMetrics = new WorkspaceMetrics();
        await using var manager = Manager(cache.Path, credentials, metrics, workspaceMetrics);
        Assert.True(manager.TryValidate("user1", null, out var slow));
        Assert.True(manager.TryValidate("user2", null, out var other));

        var first = Task.Run(() => manager.GetOrCreate(slow));
        await credentials.Entered.WaitAsync(Wait);
        var second = Task.Run(() => manager.GetOrCreate(slow));

        // user1's credentials are still being read: user2's workspace is created and alive meanwhile.
        var otherWorkspace = await Task.Run(() => manager.GetOrCreate(other)).WaitAsync(Wait);
        Assert.Equal(other, otherWorkspace.Key);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        credentials.Release();
        var workspaces = await Task.WhenAll(first, second).WaitAsync(Wait);

        Assert.Same(workspaces[0], workspaces[1]);
        Assert.Same(workspaces[0], manager.GetOrCreate(slow));
        Assert.Equal(1, credentials.Reads("user1"));
        Assert.Equal(2, manager.CreatedCount);
        Assert.Equal(2, manager.AliveCount);
    }

    [Fact]
    public async Task A_creation_that_fails_is_tried_again_by_the_next_request()
    {
        using var cache = new TemporaryFolder();
        var credentials = new FailingOnceCredentialSource();
        using var metrics = new PromptWatchMetrics();
        using var workspaceMetrics = new WorkspaceMetrics();
        await using var manager = Manager(cache.Path, credentials, metrics, workspaceMetrics);
        Assert.True(manager.TryValidate("user1", null, out var key));

        Assert.Throws<InvalidOperationException>(() => manager.GetOrCreate(key));
        Assert.Equal(0, manager.AliveCount);

        var workspace = manager.GetOrCreate(key);
        Assert.Equal(key, workspace.Key);
        Assert.Equal(1, manager.CreatedCount);
    }

    private static WorkspaceManager Manager(string cacheDirectory, IWorkspaceCredentialSource credentials, PromptWatchMetrics metrics, WorkspaceMetrics workspaceMetrics)
    {
        var options = new WorkspaceOptions
        {
            Enabled = true,
            // Nothing listens there: the first scans fail at once, which this test does not look at.
            GitRepoUrl = $"http://127.0.0.1:{LoopbackPort.Closed()}/{{cluster}}/{{user}}/canopy-be.git",
            DefaultCluster = "apps.test",
            CacheDirectory = cacheDirectory,
            PollInterval = TimeSpan.FromHours(1),
        };
        options.AllowedClusters.Add("apps.test");
        return new WorkspaceManager(Options.Create(options), Options.Create(new PromptWatchOptions()), credentials, metrics, workspaceMetrics);
    }

    /// <summary>Blocks reads for one user until released, as a slow secret store would.</summary>
    private sealed class BlockingCredentialSource(string slowUser) : IWorkspaceCredentialSource, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reads = new();

        public Task Entered => _entered.Task;

        public int Reads(string user) => _reads.GetValueOrDefault(user);

        public void Release() => _release.Set();

        public WorkspaceCredentials? Find(string user)
        {
            _reads.AddOrUpdate(user, 1, static (_, n) => n + 1);
            if (user != slowUser) return null;
            _entered.TrySetResult();
            if (!_release.Wait(Wait)) throw new TimeoutException("The test never released the credential source.");
            return null;
        }

        public void Dispose()
        {
            _release.Set();
            _release.Dispose();
        }
    }

    /// <summary>Fails its first read, as a secret store that is briefly unreachable would.</summary>
    private sealed class FailingOnceCredentialSource : IWorkspaceCredentialSource
    {
        private int _reads;

        public WorkspaceCredentials? Find(string user) =>
            Interlocked.Increment(ref _reads) == 1 ? throw new InvalidOperationException("The secret store is unreachable.") : null;
    }
}
