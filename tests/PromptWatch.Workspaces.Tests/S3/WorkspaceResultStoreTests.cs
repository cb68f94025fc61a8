using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.S3;
using PromptWatch.S3.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Each workspace gets its own store on the real S3 server, with its user's keys.</summary>
public sealed class WorkspaceResultStoreTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_workspace_lists_its_own_store_with_its_users_keys_and_a_wrong_key_never_shows(bool minio)
    {
        await using var bucket = await TestBucket.CreateAsync();
        await bucket.PutAsync("0123456789abcdef0123456789abcdef01234567/summarize_results.html", "<p>ok</p>");
        var wrongSecret = "wrong-" + Guid.NewGuid().ToString("N");
        var endpoint = new Uri(S3TestServer.Endpoint);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/canopy-be.git",
            // The test server has one address for every user; a real template names the user ({user}) in the host.
            ["PromptWatch:Workspaces:S3Endpoint"] = $"http://{endpoint.Authority}",
            ["PromptWatch:Workspaces:S3UiUrl"] = "https://minio-ui-{user}-toolings.{cluster}",
            ["PromptWatch:Workspaces:S3Bucket"] = bucket.Name,
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.example.test",
            ["PromptWatch:Workspaces:Credentials:user1:S3AccessKey"] = S3TestServer.AccessKey,
            ["PromptWatch:Workspaces:Credentials:user1:S3SecretKey"] = S3TestServer.SecretKey,
            ["PromptWatch:Workspaces:Credentials:user2:S3AccessKey"] = S3TestServer.AccessKey,
            ["PromptWatch:Workspaces:Credentials:user2:S3SecretKey"] = wrongSecret,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPromptWatch().AddWorkspaces().AddS3WorkspaceResults(useMinioClient: minio);
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<WorkspaceManager>();
        Assert.True(manager.HasResults);
        Assert.True(manager.TryValidate("user1", "apps.example.test", out var first));
        Assert.True(manager.TryValidate("user2", "apps.example.test", out var second));

        var good = manager.GetOrCreate(first);
        var bad = manager.GetOrCreate(second);
        var goodResult = await good.Monitor.RefreshResultsAsync();
        var badResult = await bad.Monitor.RefreshResultsAsync();

        Assert.True(goodResult.Ok);
        var goodStatus = Assert.Single(good.Monitor.Current.ResultStores);
        Assert.Equal(1, goodStatus.ResultCount);
        Assert.Equal("https://minio-ui-user1-toolings.apps.example.test", goodStatus.Description["ui_url"]?.TrimEnd('/'));
        Assert.False(badResult.Ok);
        var badStatus = Assert.Single(bad.Monitor.Current.ResultStores);
        Assert.False(badStatus.Known);
        Assert.NotNull(badStatus.LastError);
        Assert.DoesNotContain(wrongSecret, badStatus.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(S3TestServer.SecretKey, badStatus.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, string.Join(' ', badStatus.Description.Values), StringComparison.Ordinal);
        await manager.DisposeAsync();
    }

    [Fact]
    public async Task Bad_shared_settings_stop_the_host_on_start_naming_each_setting()
    {
        var builder = WorkspaceHost(new()
        {
            ["PromptWatch:Workspaces:S3:Region"] = " ",
            ["PromptWatch:Workspaces:S3:Timeout"] = "00:00:00",
            ["PromptWatch:Workspaces:S3:PresignedUrlLifetime"] = "8.00:00:00",
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = string.Join('\n', failure.Failures);
        Assert.Contains("PromptWatch:Workspaces:S3:Region is empty", message, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Workspaces:S3:Timeout must be at least one second", message, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Workspaces:S3:PresignedUrlLifetime must be between one second and 7 days", message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3_REGION", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_bucket_name_stops_the_host_on_start()
    {
        var builder = WorkspaceHost(new() { ["PromptWatch:Workspaces:S3Bucket"] = "Results_Of_Users" });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PromptWatch:Workspaces:S3Bucket 'Results_Of_Users' is not a valid S3 bucket name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosts_own_store_and_the_workspace_stores_are_validated_each_by_its_own_rules()
    {
        var builder = WorkspaceHost(new()
        {
            ["PromptWatch:Repositories:0:Location"] = "unused-repository",
            ["PromptWatch:S3:Endpoint"] = S3TestServer.Endpoint,
            ["PromptWatch:S3:AccessKey"] = S3TestServer.AccessKey,
            ["PromptWatch:S3:SecretKey"] = S3TestServer.SecretKey,
        }, static promptWatch => promptWatch.AddS3EvaluationResults());
        // The workspace stores have no endpoint or keys of their own in PromptWatch:Workspaces:S3: that is valid there.
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            Assert.Equal(S3TestServer.Endpoint, host.Services.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value.Endpoint);
            Assert.Null(host.Services.GetRequiredService<IOptionsMonitor<S3ResultStoreOptions>>().Get(S3WorkspaceBuilderExtensions.OptionsName).Endpoint);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    // A host with workspaces and their S3 stores, from these settings over valid ones.
    private static HostApplicationBuilder WorkspaceHost(Dictionary<string, string?> settings, Action<IPromptWatchBuilder>? more = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/canopy-be.git",
            ["PromptWatch:Workspaces:S3Endpoint"] = "http://minio-api-{user}.{cluster}",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.example.test",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var promptWatch = builder.Services.AddPromptWatch().AddWorkspaces().AddS3WorkspaceResults();
        more?.Invoke(promptWatch);
        return builder;
    }
}
