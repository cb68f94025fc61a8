using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;
using PromptWatch.Repositories;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Hosting;

/// <summary>The monitor reads repositories through the registered <see cref="IRepositorySourceFactory"/>: the host's, or the default.</summary>
public sealed class RepositorySourceFactoryTests : IDisposable
{
    private readonly TestRepository _repository = TestRepository.Create();

    public RepositorySourceFactoryTests()
    {
        _repository.WriteFile("chart/values-test.yaml", "summarize:\n  model: gpt-4o-mini\n  prompt: Summarize.\n");
        _repository.Commit("summarize: add", GitSignature.At(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_factory_the_host_registers_makes_the_sources_the_monitor_reads(bool registeredFirst)
    {
        // The configured location is no path at all: only the host's factory knows where the mirror is.
        var factory = new MirrorSourceFactory("mirror:llm-config", _repository.Path);
        var services = new ServiceCollection();
        if (registeredFirst) services.AddSingleton<IRepositorySourceFactory>(factory);
        services.AddPromptWatch(static o => o.Repositories.Add(new WatchedRepositoryOptions { Name = "llm-config", Location = "mirror:llm-config", Branch = "main", FetchLocal = false }));
        if (!registeredFirst) services.AddSingleton<IRepositorySourceFactory>(factory);
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<PromptWatchMonitor>();

        var result = await monitor.RefreshAsync();

        Assert.True(result.Ok, string.Join(" ", result.Errors.Values));
        Assert.Equal("gpt-4o-mini", Assert.Single(monitor.Current.Timeline).Change.State!.Model);
        var asked = Assert.Single(factory.Requests);
        Assert.Equal("mirror:llm-config", asked.Location);
        Assert.Equal("main", asked.Branch);
        Assert.False(asked.FetchLocal);
    }

    [Fact]
    public async Task After_a_failed_refresh_the_factory_is_asked_again()
    {
        var factory = new MirrorSourceFactory("mirror:llm-config", _repository.Path) { FailFirst = true };
        using var metrics = new PromptWatch.Diagnostics.PromptWatchMetrics();
        var options = new PromptWatchOptions();
        options.Repositories.Add(new WatchedRepositoryOptions { Name = "llm-config", Location = "mirror:llm-config", FetchLocal = false });
        using var monitor = new PromptWatchMonitor(Microsoft.Extensions.Options.Options.Create(options), [], metrics, repositorySources: factory);

        var failed = await monitor.RefreshAsync();
        var again = await monitor.RefreshAsync();

        Assert.Equal("The mirror is not ready.", failed.Errors["llm-config"]);
        Assert.True(again.Ok);
        Assert.Equal(2, factory.Requests.Count);
    }

    [Fact]
    public async Task Without_one_the_default_opens_paths_and_clones_urls()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddPromptWatch(o => o.Repositories.Add(new WatchedRepositoryOptions { Name = "local", Location = _repository.Path, FetchLocal = false }));
        await using var provider = services.BuildServiceProvider();

        using var source = provider.GetRequiredService<IRepositorySourceFactory>().Create(new RepositorySourceOptions { Location = _repository.Path });
        var result = await provider.GetRequiredService<PromptWatchMonitor>().RefreshAsync();

        Assert.Equal(_repository.Path, source.DisplayName);
        Assert.True(result.Ok, string.Join(" ", result.Errors.Values));
    }

    public void Dispose() => _repository.Dispose();
}
