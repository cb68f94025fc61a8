using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PromptWatch.Hosting;
using PromptWatch.Scanning.Native;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Hosting;

/// <summary>
/// libgit2's process-wide memory bounds (<c>PromptWatch:Git</c>), read back from libgit2 itself. They are process-wide, so
/// each test leaves the defaults behind it.
/// </summary>
[Collection(GitMemoryLimitTests.Collection)]
public sealed class GitMemoryLimitTests
{
    public const string Collection = "libgit2 process-wide settings";

    [Fact]
    public void The_limits_reach_libgit2()
    {
        try
        {
            Libgit2.ApplyMemoryLimits(new GitMemoryOptions { MappedPackBytes = 48L * 1024 * 1024, MaxOpenPackFiles = 40, ObjectCacheBytes = 5L * 1024 * 1024 });

            Assert.Equal((48L * 1024 * 1024, 40L, 5L * 1024 * 1024), Libgit2.MemoryLimits());
        }
        finally
        {
            Libgit2.ApplyMemoryLimits(new GitMemoryOptions());
        }
    }

    [Fact]
    public async Task A_host_applies_its_configured_limits_when_it_starts_and_still_scans()
    {
        using var repository = TestRepository.Create();
        repository.WriteFile("chart/values-test.yaml", "summarize:\n  model: gpt-4o\n  prompt: Summarize.\n");
        repository.Commit("summarize: gpt-4o", GitSignature.At(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)));
        repository.WriteFile("chart/values-test.yaml", "summarize:\n  model: gpt-4o-mini\n  prompt: Summarize.\n");
        repository.Commit("summarize: gpt-4o-mini", GitSignature.At(new DateTimeOffset(2026, 1, 6, 9, 0, 0, TimeSpan.Zero)));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Repositories:0:Location"] = repository.Path,
            ["PromptWatch:Git:MappedPackBytes"] = "33554432",
            ["PromptWatch:Git:MaxOpenPackFiles"] = "32",
            ["PromptWatch:Git:ObjectCacheBytes"] = "2097152",
        });
        builder.Services.AddPromptWatch();
        using var host = builder.Build();
        try
        {
            await host.StartAsync();

            Assert.Equal((32L * 1024 * 1024, 32L, 2L * 1024 * 1024), Libgit2.MemoryLimits());
            var monitor = host.Services.GetRequiredService<PromptWatchMonitor>();
            var refreshed = await monitor.RefreshAsync();
            Assert.True(refreshed.Ok, string.Join("; ", refreshed.Errors.Values));
            Assert.NotEmpty(monitor.Current.Timeline);
        }
        finally
        {
            await host.StopAsync();
            Libgit2.ApplyMemoryLimits(new GitMemoryOptions());
        }
    }
}
