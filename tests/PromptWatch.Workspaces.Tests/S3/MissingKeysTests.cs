using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Testing;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>A workspace whose user has no S3 keys: the log and the workspace's health name the settings it reads.</summary>
public sealed class MissingKeysTests
{
    [Fact]
    public async Task A_user_without_s3_keys_is_told_which_workspace_settings_to_set_in_the_log_and_the_workspace_health()
    {
        var services = Services(new()
        {
            // The Git password is there, the S3 keys are not.
            ["PromptWatch:Workspaces:Credentials:user7:GitPassword"] = "token-" + Guid.NewGuid().ToString("N"),
        });
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<WorkspaceManager>();
        Assert.True(manager.TryValidate("user7", "apps.example.test", out var key));
        manager.GetOrCreate(key);

        var logs = provider.GetFakeLogCollector().GetSnapshot().Select(static r => r.Message).ToList();
        var line = Assert.Single(logs, static l => l.Contains("has no result store", StringComparison.Ordinal));
        Assert.Contains("PromptWatch:Workspaces:Credentials:user7:S3AccessKey", line, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Workspaces:Credentials:user7:S3SecretKey", line, StringComparison.Ordinal);
        // Not the host's own store's settings, nor an argument name.
        Assert.DoesNotContain("PromptWatch:S3:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", line, StringComparison.Ordinal);

        var entry = Assert.Single(await manager.CheckHealthAsync(CancellationToken.None)).Value;
        Assert.NotEqual(HealthStatus.Healthy, entry.Status);
        Assert.Contains("PromptWatch:Workspaces:Credentials:user7:S3AccessKey", entry.Description, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Workspaces:Credentials:user7:S3SecretKey", (string)entry.Data["results_error"], StringComparison.Ordinal);
        await manager.DisposeAsync();
    }

    [Fact]
    public async Task With_environment_credentials_the_missing_key_is_named_as_a_variable()
    {
        var services = Services(new() { ["PromptWatch:Workspaces:CredentialSource"] = "Environment" });
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<WorkspaceManager>();
        Assert.True(manager.TryValidate("user8", "apps.example.test", out var key));
        manager.GetOrCreate(key);

        var entry = Assert.Single(await manager.CheckHealthAsync(CancellationToken.None)).Value;
        var problem = (string)entry.Data["results_error"];
        Assert.Contains("PROMPTWATCH_WORKSPACE_USER8_S3_ACCESS_KEY and PROMPTWATCH_WORKSPACE_USER8_S3_SECRET_KEY", problem, StringComparison.Ordinal);
        await manager.DisposeAsync();
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/canopy-be.git",
            ["PromptWatch:Workspaces:S3Endpoint"] = "http://minio-api-{user}.{cluster}",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.example.test",
        }).AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFakeLogging();
        services.AddPromptWatch().AddWorkspaces().AddS3WorkspaceResults();
        return services;
    }
}
