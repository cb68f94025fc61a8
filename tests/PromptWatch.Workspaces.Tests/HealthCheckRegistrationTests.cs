using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.AspNetCore;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>
/// The <c>promptwatch:workspaces</c> check and the per-workspace entries of <c>/health/detailed</c> as the host shapes
/// them: their names, tags and failure status, or none at all. Each test has one workspace alive whose repository
/// cannot be reached, so its entry reports the failure status whether or not its first attempt has ended.
/// </summary>
public sealed class HealthCheckRegistrationTests : IDisposable
{
    private readonly TemporaryFolder _cache = new();

    [Fact]
    public async Task By_default_they_are_named_and_tagged_as_before()
    {
        await using var provider = Provider([]);

        var registration = Assert.Single(Registrations(provider), static r => r.Name == "promptwatch:workspaces");
        Assert.Equal(["promptwatch", "workspaces"], registration.Tags.Order());
        Assert.Equal(HealthStatus.Unhealthy, registration.FailureStatus);
        CreateWorkspace(provider);

        var summary = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["promptwatch:workspaces"];
        Assert.Equal(HealthStatus.Healthy, summary.Status);
        Assert.Equal(1, summary.Data["alive"]);
        Assert.Equal(1, summary.Data["unhealthy"]);
        var (name, entry) = Assert.Single(await EntriesAsync(provider));
        Assert.Equal("promptwatch:workspace:user1/apps.test", name);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(["promptwatch", "workspaces"], entry.Tags.Order());
    }

    [Fact]
    public async Task Configuration_gives_them_another_name_tags_and_failure_status()
    {
        await using var provider = Provider(new()
        {
            ["PromptWatch:Workspaces:HealthChecks:Name"] = "workspaces",
            ["PromptWatch:Workspaces:HealthChecks:Tags:0"] = "live",
            ["PromptWatch:Workspaces:HealthChecks:FailureStatus"] = "Degraded",
        });

        var registrations = Registrations(provider);
        Assert.DoesNotContain(registrations, static r => r.Name == "promptwatch:workspaces");
        var registration = Assert.Single(registrations, static r => r.Name == "workspaces");
        Assert.Equal(["live"], registration.Tags);
        Assert.Equal(HealthStatus.Degraded, registration.FailureStatus);
        CreateWorkspace(provider);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(static r => r.Name == "workspaces");
        Assert.Equal(HealthStatus.Healthy, report.Entries["workspaces"].Status);
        var (name, entry) = Assert.Single(await EntriesAsync(provider));
        Assert.Equal("workspaces:user1/apps.test", name);
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(["live"], entry.Tags);
    }

    [Fact]
    public async Task Code_turns_them_off()
    {
        await using var provider = Provider([], static o => o.HealthChecks.Enabled = false);

        Assert.DoesNotContain(Registrations(provider), static r => r.Name.Contains("workspace", StringComparison.Ordinal));
        CreateWorkspace(provider);
        Assert.Empty(await EntriesAsync(provider));
        // The workspace is alive and checked for whoever asks the manager; only the health report leaves it out.
        Assert.Single(await provider.GetRequiredService<WorkspaceManager>().CheckHealthAsync());
    }

    public void Dispose() => _cache.Dispose();

    private static ICollection<HealthCheckRegistration> Registrations(IServiceProvider provider) => provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

    private static void CreateWorkspace(IServiceProvider provider)
    {
        var manager = provider.GetRequiredService<WorkspaceManager>();
        Assert.True(manager.TryValidate("user1", null, out var key));
        manager.GetOrCreate(key);
    }

    /// <summary>What <c>/health/detailed</c> lists after the checks.</summary>
    private static async Task<List<KeyValuePair<string, HealthReportEntry>>> EntriesAsync(IServiceProvider provider)
    {
        var entries = new List<KeyValuePair<string, HealthReportEntry>>();
        foreach (var contributor in provider.GetServices<IHealthReportContributor>()) entries.AddRange(await contributor.GetEntriesAsync(CancellationToken.None));
        return entries;
    }

    private ServiceProvider Provider(Dictionary<string, string?> settings, Action<WorkspaceOptions>? configure = null)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            // Nothing listens there: every refresh fails at once.
            ["PromptWatch:Workspaces:GitRepoUrl"] = $"http://127.0.0.1:{LoopbackPort.Closed()}/{{cluster}}/{{user}}/canopy-be.git",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.test",
            ["PromptWatch:Workspaces:DefaultCluster"] = "apps.test",
            ["PromptWatch:Workspaces:CacheDirectory"] = _cache.Path,
            ["PromptWatch:Workspaces:PollInterval"] = "01:00:00",
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        services.AddPromptWatch().AddWorkspaces(configure);
        return services.BuildServiceProvider();
    }
}
