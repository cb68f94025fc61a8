using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;
using PromptWatch.Repositories;
using PromptWatch.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Workspace monitors read their repositories through the host's <see cref="IRepositorySourceFactory"/>, as the host's own monitor does.</summary>
public sealed class RepositorySourceFactoryTests : IDisposable
{
    // No such host: only the factory knows where the repository of a workspace is.
    private const string Template = "https://git.example.invalid/{cluster}/{user}/canopy-be.git";
    private readonly TestRepository _repository = TestRepository.Create();
    private readonly TemporaryFolder _cache = new();

    public RepositorySourceFactoryTests()
    {
        _repository.WriteFile("chart/values-test.yaml", "summarize:\n  model: gpt-4o-mini\n  prompt: Summarize.\n");
        _repository.Commit("summarize: add", GitSignature.At(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_factory_the_host_registers_makes_the_source_a_workspace_reads(bool registeredFirst)
    {
        var factory = new MirrorSourceFactory("https://git.example.invalid/apps.test/user1/canopy-be.git", _repository.Path);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = Template,
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.test",
            ["PromptWatch:Workspaces:CacheDirectory"] = _cache.Path,
            ["PromptWatch:Workspaces:PollInterval"] = "01:00:00",
            ["PromptWatch:Workspaces:Credentials:user1:GitPassword"] = "user1-password",
        }).Build());
        if (registeredFirst) services.AddSingleton<IRepositorySourceFactory>(factory);
        services.AddPromptWatch().AddWorkspaces();
        if (!registeredFirst) services.AddSingleton<IRepositorySourceFactory>(factory);
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<WorkspaceManager>();
        Assert.True(manager.TryValidate("user1", "apps.test", out var key));

        var workspace = manager.GetOrCreate(key);
        await WaitUntilAsync(() => !workspace.IsScanning);

        var repository = Assert.Single(workspace.Monitor.Current.Repositories);
        Assert.True(repository.LastRefreshOk, repository.LastError);
        Assert.Equal("gpt-4o-mini", Assert.Single(workspace.Monitor.Current.Timeline).Change.State!.Model);
        // The factory was asked for the workspace's repository, with its credentials and its own clone folder.
        var asked = Assert.Single(factory.Requests);
        Assert.Equal("https://git.example.invalid/apps.test/user1/canopy-be.git", asked.Location);
        Assert.Equal(new RepositoryCredentials("user1", "user1-password"), asked.Credentials);
        Assert.Equal(Path.Combine(_cache.Path, "apps.test", "user1"), asked.CacheDirectory);
    }

    public void Dispose()
    {
        _repository.Dispose();
        _cache.Dispose();
    }

    // A generous bound for "does not hang", not for speed.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the first scan did not end");
            await Task.Delay(20);
        }
    }
}
