using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;
using PromptWatch.Redis.Tests.Support;
using PromptWatch.Tests.Pipelines;

namespace PromptWatch.Redis.Tests;

/// <summary>The pipeline store contract against a real Redis, each test under keys of its own.</summary>
public sealed class RedisPipelineStoreContractTests : PipelineStoreContract
{
    protected override Task<IPipelineStore> CreateStoreAsync(PipelineOptions options, TimeProvider time) =>
        Task.FromResult<IPipelineStore>(new RedisPipelineStore(RedisTestServer.Options(), new RedisPipelineStoreOptions { KeyPrefix = RedisTestServer.UniquePrefix() }, options, time));
}

/// <summary>Two hosts on one Redis: what one host's updater (the webhooks' and the poll's path) stores, the other reads.</summary>
public sealed class RedisPipelineStoreHostTests
{
    [Fact]
    public async Task Two_hosts_sharing_Redis_see_one_anothers_runs_jobs_and_deployments()
    {
        var prefix = RedisTestServer.UniquePrefix();
        await using var first = Host(prefix);
        await using var second = Host(prefix);
        Assert.IsType<RedisPipelineStore>(first.GetRequiredService<IPipelineStore>());
        var at = DateTimeOffset.UtcNow.AddHours(-1);

        await first.GetRequiredService<PipelineUpdater>().ApplyRunAsync(PipelineSamples.Run(7, at, PipelineStatus.InProgress, null), CancellationToken.None);
        await second.GetRequiredService<PipelineUpdater>().ApplyJobAsync(PipelineSamples.Job(70, 7, at), CancellationToken.None);
        await second.GetRequiredService<PipelineUpdater>().ApplyRunAsync(PipelineSamples.Run(7, at), CancellationToken.None);
        await first.GetRequiredService<PipelineUpdater>().ApplyDeploymentAsync(PipelineSamples.Deployment(5, at), CancellationToken.None);

        var seenByFirst = await first.GetRequiredService<IPipelineStore>().GetRunAsync(7, CancellationToken.None);
        Assert.NotNull(seenByFirst);
        Assert.Equal(PipelineStatus.Completed, seenByFirst.Status);
        Assert.Equal(70, Assert.Single(await first.GetRequiredService<IPipelineStore>().GetJobsAsync(7, CancellationToken.None)).Id);
        Assert.Equal(5, Assert.Single(await second.GetRequiredService<IPipelineStore>().GetDeploymentsAsync(null, null, null, CancellationToken.None)).Id);

        // The first host's older event of the completed attempt changes nothing on either.
        await first.GetRequiredService<PipelineUpdater>().ApplyRunAsync(PipelineSamples.Run(7, at, PipelineStatus.InProgress, null), CancellationToken.None);
        Assert.Equal(PipelineStatus.Completed, (await second.GetRequiredService<IPipelineStore>().GetRunAsync(7, CancellationToken.None))!.Status);
    }

    private static ServiceProvider Host(string prefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = $"redis://:{Uri.EscapeDataString(RedisTestServer.Password)}@{RedisTestServer.Endpoint}",
            ["PromptWatch:Redis:KeyPrefix"] = prefix,
            ["PromptWatch:Redis:ConnectTimeout"] = "00:00:30",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:30",
            ["PromptWatch:Pipelines:Redis:KeyPrefix"] = prefix + "pipelines:",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPromptWatch().AddPipelines().AddRedisPipelineStore();
        return services.BuildServiceProvider();
    }
}
