using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Results;

namespace PromptWatch.S3.Tests;

/// <summary>
/// How the S3 settings reach the monitor: the store's own listing interval (the host's settings left as the host
/// set them) and the layout, resolved without a cycle.
/// </summary>
public sealed class BuilderWiringTests
{
    [Fact]
    public async Task The_store_keeps_its_own_refresh_interval_and_the_hosts_interval_is_left_alone()
    {
        await using var provider = Provider(new()
        {
            ["PromptWatch:ResultsRefreshInterval"] = "00:02:00",
            ["PromptWatch:S3:RefreshInterval"] = "00:10:00",
            ["PromptWatch:ResultPatterns:0:Pattern"] = "^evals/(?<commit>[0-9a-f]{7,40})/(?<usecase>[a-z]+)\\.html$",
        });

        // The options of both depend on each other's neighbours: resolving must not wait on itself.
        var (options, store) = await Task.Run(() => (provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value, provider.GetRequiredService<IEvaluationResultStore>()))
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.FromMinutes(2), options.ResultsRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ResultsMaxBackoff);
        Assert.Equal(TimeSpan.FromMinutes(10), store.RefreshInterval);
        Assert.IsType<AwsS3ResultStore>(store);
        var layout = provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value.Layout;
        Assert.NotNull(layout);
        Assert.Equal("summarize", layout.Classify("evals/abc1234/summarize.html")?.UseCase);
    }

    [Fact]
    public void Without_an_interval_of_its_own_the_store_is_listed_on_the_hosts()
    {
        using var provider = Provider(new() { ["PromptWatch:ResultsRefreshInterval"] = "00:03:00" });

        var store = provider.GetRequiredService<IEvaluationResultStore>();

        Assert.Null(store.RefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(3), provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value.ResultsRefreshInterval);
        Assert.Same(EvaluationResultLayout.Default, provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value.Layout);
    }

    [Fact]
    public void A_layout_set_in_code_is_kept()
    {
        var layout = new EvaluationResultLayout([new EvaluationResultPattern { Pattern = "^r/(?<commit>[0-9a-f]{7,40})\\.html$" }]);
        using var provider = Provider(new(), o => o.Layout = layout);

        Assert.Same(layout, provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value.Layout);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings, Action<S3ResultStoreOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:S3:Endpoint"] = "http://127.0.0.1:9",
            ["PromptWatch:S3:AccessKey"] = "access",
            ["PromptWatch:S3:SecretKey"] = "secret-value",
            ["PromptWatch:Repositories:0:Location"] = "/srv/repo",
        }).AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPromptWatch().AddS3EvaluationResults(configure);
        return services.BuildServiceProvider();
    }
}
