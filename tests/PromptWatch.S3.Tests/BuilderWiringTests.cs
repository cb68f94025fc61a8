using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Results;

namespace PromptWatch.S3.Tests;

/// <summary>How the S3 settings reach the monitor: the listing interval and the layout, resolved without a cycle.</summary>
public sealed class BuilderWiringTests
{
    [Fact]
    public async Task The_refresh_interval_reaches_the_monitor_and_the_store_gets_the_configured_layout()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["S3_ENDPOINT"] = "http://127.0.0.1:9",
            ["S3_ACCESS_KEY"] = "access",
            ["S3_SECRET_KEY"] = "secret-value",
            ["S3_REFRESH_INTERVAL"] = "600",
            ["PromptWatch:Repositories:0:Location"] = "/srv/repo",
            ["PromptWatch:ResultPatterns:0:Pattern"] = "^evals/(?<commit>[0-9a-f]{7,40})/(?<usecase>[a-z]+)\\.html$",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPromptWatch().AddS3EvaluationResults();
        await using var provider = services.BuildServiceProvider();

        // The options of both depend on each other's neighbours: resolving must not wait on itself.
        var (interval, backoff, store) = await Task.Run(() =>
        {
            var options = provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value;
            return (options.ResultsRefreshInterval, options.ResultsMaxBackoff, provider.GetRequiredService<IEvaluationResultStore>());
        }).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.FromMinutes(10), interval);
        Assert.Equal(TimeSpan.FromMinutes(10), backoff);
        var layout = provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value.Layout;
        Assert.NotNull(layout);
        Assert.Equal("summarize", layout.Classify("evals/abc1234/summarize.html")?.UseCase);
        Assert.IsType<AwsS3ResultStore>(store);
    }
}
