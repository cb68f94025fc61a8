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
    [InlineData("Repositories:0:Location=/a|ResultPatterns:0:Pattern=^(?<usecase>x)$", "ResultPatterns:0: The result pattern '^(?<usecase>x)$' has no 'commit' group")]
    public void Bad_settings_fail_validation_with_a_clear_message(string settings, string expected)
    {
        using var provider = Provider(settings);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
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

    private static ServiceProvider Provider(string settings, Action<PromptWatchOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Split('|').Select(static s => s.Split('=', 2)).Select(static p => new KeyValuePair<string, string?>("PromptWatch:" + p[0], p[1])))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPromptWatch(configure);
        return services.BuildServiceProvider();
    }
}
