using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Hosting;

public sealed class AddPromptWatchTests
{
    [Fact]
    public async Task A_host_without_a_repository_does_not_start_and_says_what_to_set()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPromptWatch();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("PromptWatch:Repositories:0:Location", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Repositories:0:Location=/a|Repositories:1:Location=/b/a", "is used twice")]
    [InlineData("Repositories:0:Location=/a|Repositories:0:Password=x", "Password is set without a Username")]
    [InlineData("Repositories:0:Location=/a|PollInterval=00:00:00.1000000", "PollInterval must be at least one second")]
    [InlineData("Repositories:0:Location=/a|Repositories:0:Name=a/b", "may not contain")]
    [InlineData("Repositories:0:Location=", "Location is empty")]
    [InlineData("Repositories:0:Location=/a|Git:MappedPackBytes=1024", "PromptWatch:Git:MappedPackBytes must be at least 16 MiB")]
    [InlineData("Repositories:0:Location=/a|Git:MaxOpenPackFiles=2", "PromptWatch:Git:MaxOpenPackFiles must be at least 16")]
    [InlineData("Repositories:0:Location=/a|Git:ObjectCacheBytes=0", "PromptWatch:Git:ObjectCacheBytes must be at least 1 MiB")]
    [InlineData("Repositories:0:Location=/a|ResultPatterns:0:Pattern=^(?<usecase>x)$", "ResultPatterns:0: The result pattern '^(?<usecase>x)$' has no 'commit' group")]
    [InlineData("Repositories:0:Location=/a|MaxFileBytes=0", "PromptWatch:MaxFileBytes must be positive (it is 0)")]
    [InlineData("Repositories:0:Location=/a|MaxScoreFileBytes=-5", "PromptWatch:MaxScoreFileBytes must be positive (it is -5)")]
    [InlineData("Repositories:0:Location=/a|ScoreRegressionDrop=-0.5", "PromptWatch:ScoreRegressionDrop must be zero or more (it is -0.5)")]
    [InlineData("Repositories:0:Location=/a|ScoreRegressionRelativeDrop=-1", "PromptWatch:ScoreRegressionRelativeDrop must be zero or more, 0.05 for 5 % (it is -1)")]
    [InlineData("Repositories:0:Location=/a|StaleAfterIntervals=0", "PromptWatch:StaleAfterIntervals must be at least 1 (it is 0)")]
    public void Bad_settings_fail_validation_with_a_clear_message(string settings, string expected)
    {
        using var provider = Provider(settings);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://u:p#ss@host/r.git", "p#ss")]
    [InlineData("https://bot:ghp_tok?en@host/r.git", "ghp_tok")]
    public void A_location_whose_credentials_make_it_unparsable_is_refused_without_repeating_them(string location, string secret)
    {
        using var provider = Provider("Repositories:0:Location=" + location);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value);

        Assert.Contains("PromptWatch:Repositories:0:Location", error.Message, StringComparison.Ordinal);
        Assert.Contains("percent-encode the credentials or move them to Username/Password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("host/r.git", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://ghp_token@host/r.git", "Username=bot")]
    [InlineData("https://bot:pass@host/r.git", "Username=bot|Repositories:0:Password=pass")]
    public void Credentials_in_the_location_and_in_username_or_password_are_refused(string location, string more)
    {
        using var provider = Provider($"Repositories:0:Location={location}|Repositories:0:{more}");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value);

        Assert.Contains("PromptWatch:Repositories:0:Location has credentials and PromptWatch:Repositories:0:Username/Password are set too", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_configuration_then_code()
    {
        using var provider = Provider(
            "PollInterval=00:01:00|Repositories:0:Location=https://user:pw@example.com/team/llm-config.git|Repositories:0:Branch=release|Repositories:0:Files:chart/values-staging.yaml=staging",
            options => options.Repositories.Add(new WatchedRepositoryOptions { Location = "/srv/other" }));
        var options = provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(1), options.PollInterval);
        Assert.Equal(2, options.Repositories.Count);
        var first = options.Repositories[0];
        Assert.Equal("release", first.Branch);
        Assert.Equal("staging", first.Files["chart/values-staging.yaml"]);
        Assert.Equal("llm-config", first.EffectiveName);
        Assert.Equal("llm-config: https://example.com/team/llm-config.git", first.ToString());
        Assert.Equal("other", options.Repositories[1].EffectiveName);
    }

    [Fact]
    public void Result_patterns_from_configuration_make_the_layout_stores_use()
    {
        using var provider = Provider("Repositories:0:Location=/a|ResultPatterns:0:Pattern=^evals/(?<commit>[0-9a-f]{7,40})/(?<usecase>[a-z]+)\\.html$|ResultPatterns:0:Kind=Evaluation|ResultPatterns:0:DisplayName=Eval {usecase}");
        var layout = provider.GetRequiredService<PromptWatch.Results.EvaluationResultLayout>();

        Assert.Equal("Eval summarize", layout.Classify("evals/abc1234/summarize.html")?.DisplayName);
        Assert.Null(layout.Classify("abc1234/summarize_results.html"));
    }

    [Fact]
    public void Without_result_patterns_the_default_layout_is_used()
    {
        using var provider = Provider("Repositories:0:Location=/a");
        Assert.Same(PromptWatch.Results.EvaluationResultLayout.Default, provider.GetRequiredService<PromptWatch.Results.EvaluationResultLayout>());
    }

    [Fact]
    public void Each_repository_gets_a_health_check_tagged_ready()
    {
        using var provider = Provider("Repositories:0:Location=/a|Repositories:1:Location=/b|Repositories:1:Name=second");
        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Equal(["promptwatch:a", "promptwatch:second"], registrations.Select(static r => r.Name));
        Assert.All(registrations, static r => Assert.Contains("ready", r.Tags));
    }

    [Fact]
    public async Task Repository_checks_take_the_name_tags_and_failure_status_the_host_sets()
    {
        using var provider = Provider("Repositories:0:Location=/a|HealthChecks:Name=watch|HealthChecks:Tags:0=live|HealthChecks:FailureStatus=Degraded");

        var registration = Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("watch:a", registration.Name);
        Assert.Equal(["live"], registration.Tags);
        Assert.Equal(HealthStatus.Degraded, registration.FailureStatus);
        // Before the first scan the check fails, and reports the status chosen for a failure.
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, report.Entries["watch:a"].Status);
        Assert.Equal("Waiting for the first scan.", report.Entries["watch:a"].Description);
    }

    [Fact]
    public async Task By_default_a_repository_check_that_fails_is_unhealthy()
    {
        using var provider = Provider("Repositories:0:Location=/a");

        var registration = Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal(HealthStatus.Unhealthy, registration.FailureStatus);
        Assert.Equal(["promptwatch", "ready"], registration.Tags.Order());
        Assert.Equal(HealthStatus.Unhealthy, (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["promptwatch:a"].Status);
    }

    [Theory]
    [InlineData("", "promptwatch:results:0:failing", "promptwatch,results", HealthStatus.Degraded)]
    [InlineData("|ResultStoreHealthChecks:Name=stores|ResultStoreHealthChecks:Tags:0=reports|ResultStoreHealthChecks:Tags:1=ready|ResultStoreHealthChecks:FailureStatus=Unhealthy", "stores:0:failing", "ready,reports", HealthStatus.Unhealthy)]
    public async Task Result_store_checks_take_the_name_tags_and_failure_status_the_host_sets(string settings, string name, string tags, HealthStatus failing)
    {
        using var provider = Provider("Repositories:0:Location=/a" + settings, addServices: static s => s.AddSingleton<PromptWatch.Results.IEvaluationResultStore>(new FailingStore()));

        var registration = Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == name);
        Assert.Equal(tags.Split(','), registration.Tags.Order());
        await provider.GetRequiredService<PromptWatchMonitor>().RefreshResultsAsync();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == name);
        Assert.Equal(failing, report.Entries[name].Status);
        Assert.Contains("the store is down", report.Entries[name].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_turned_off_are_not_registered()
    {
        using var provider = Provider(
            "Repositories:0:Location=/a|HealthChecks:Enabled=false|ResultStoreHealthChecks:Enabled=false",
            addServices: static s => s.AddSingleton<PromptWatch.Results.IEvaluationResultStore>(new FailingStore()));

        Assert.Empty(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
    }

    [Fact]
    public void Turning_the_repository_checks_off_keeps_the_result_store_checks()
    {
        using var provider = Provider("Repositories:0:Location=/a", static o => o.HealthChecks.Enabled = false, static s => s.AddSingleton<PromptWatch.Results.IEvaluationResultStore>(new FailingStore()));

        Assert.Equal(["promptwatch:results:0:failing"], provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(static r => r.Name));
    }

    [Fact]
    public void Performance_baselines_bind_from_configuration_and_a_bad_one_is_named()
    {
        using var provider = Provider("Repositories:0:Location=/a|Performance:Baselines:scan=250|Performance:SlowerFactor=2");
        var options = provider.GetRequiredService<IOptions<PromptWatch.Diagnostics.Performance.PerformanceOptions>>().Value;
        Assert.Equal(250, options.Baselines["scan"]);
        Assert.Equal(2, options.SlowerFactor);
        Assert.NotNull(provider.GetRequiredService<PromptWatch.Diagnostics.Performance.PerformanceMonitor>());

        using var bad = Provider("Repositories:0:Location=/a|Performance:Baselines:fetch=0");
        var error = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<PromptWatch.Diagnostics.Performance.PerformanceOptions>>().Value);
        Assert.Contains("PromptWatch:Performance:Baselines:fetch must be a positive number of milliseconds", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(string settings, Action<PromptWatchOptions>? configure = null, Action<IServiceCollection>? addServices = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Split('|').Select(static s => s.Split('=', 2)).Select(static p => new KeyValuePair<string, string?>("PromptWatch:" + p[0], p[1])))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        addServices?.Invoke(services);
        services.AddPromptWatch(configure);
        return services.BuildServiceProvider();
    }

    private sealed class FailingStore : PromptWatch.Results.IEvaluationResultStore
    {
        public string DisplayName => "failing";

        public Task<PromptWatch.Results.EvaluationResultIndex> ListAsync(CancellationToken cancellationToken) => throw new PromptWatchException("the store is down");

        public Task<Stream> OpenReadAsync(PromptWatch.Results.EvaluationResult result, CancellationToken cancellationToken) => throw new FileNotFoundException();
    }
}
