using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;
using PromptWatch.S3.Tests.Support;
using PromptWatch.Workspaces;

namespace PromptWatch.S3.Tests;

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
}
