using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.GitHub;
using PromptWatch.Hosting;
using PromptWatch.Redis;
using PromptWatch.Results;
using PromptWatch.S3;
using PromptWatch.Server;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample web host translates the flat names users of the replaced tool set onto the sections the packages bind;
/// they win over the sections, seconds are converted, and a value that cannot be read is named by its variable.
/// </summary>
public sealed class FlatSettingsTests
{
    private const string Secret = "Sup3rSecret/Key+Value";
    private const string Access = "AKIDEXAMPLEACCESS";

    [Fact]
    public void The_s3_names_win_over_the_section_and_the_rest_of_the_section_is_kept()
    {
        using var provider = Services(new()
        {
            ["PromptWatch:S3:Endpoint"] = "https://section.example.com",
            ["PromptWatch:S3:AccessKey"] = "section-access",
            ["PromptWatch:S3:SecretKey"] = "section-secret",
            ["PromptWatch:S3:Bucket"] = "section-bucket",
            ["PromptWatch:S3:UiUrl"] = "https://section-console.example.com",
            ["PromptWatch:S3:Region"] = "eu-west-1",
            ["PromptWatch:S3:RefreshInterval"] = "00:00:30",
            ["PromptWatch:S3:VerifyTls"] = "false",
            ["PromptWatch:S3:PresignedUrlLifetime"] = "00:05:00",
            ["S3_ENDPOINT"] = "http://flat.example.com:7480",
            ["S3_ACCESS_KEY"] = Access,
            ["S3_SECRET_KEY"] = Secret,
            ["S3_BUCKET_NAME"] = "flat-bucket",
            ["S3_UI_URL"] = " https://flat-console.example.com ",
            ["S3_REGION"] = "eu-central-1",
            ["S3_REFRESH_INTERVAL"] = "120",
        }, static b => b.AddS3EvaluationResults());

        var options = provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value;

        Assert.Equal("http://flat.example.com:7480", options.Endpoint);
        Assert.Equal(Access, options.AccessKey);
        Assert.Equal(Secret, options.SecretKey);
        Assert.Equal("flat-bucket", options.Bucket);
        Assert.Equal("https://flat-console.example.com", options.UiUrl);
        Assert.Equal("eu-central-1", options.Region);
        Assert.Equal(TimeSpan.FromSeconds(120), options.RefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(120), provider.GetRequiredService<IEvaluationResultStore>().RefreshInterval);
        // Settings without a flat name keep the section's value.
        Assert.False(options.VerifyTls);
        Assert.Equal(TimeSpan.FromMinutes(5), options.PresignedUrlLifetime);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1e999")]
    public void A_refresh_interval_that_is_not_a_number_of_seconds_is_named_by_its_variable(string value)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => FlatSettings.Translate(Configuration(new() { ["S3_REFRESH_INTERVAL"] = value })));

        Assert.Equal($"S3_REFRESH_INTERVAL must be a number of seconds (it is '{value}').", failure.Message);
    }

    [Fact]
    public void A_refresh_interval_below_a_second_stops_the_host_at_the_setting_it_stands_for()
    {
        using var provider = Services(new()
        {
            ["S3_ENDPOINT"] = "https://s3.example.com",
            ["S3_ACCESS_KEY"] = Access,
            ["S3_SECRET_KEY"] = Secret,
            ["S3_REFRESH_INTERVAL"] = "0.5",
        }, static b => b.AddS3EvaluationResults());

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value);

        Assert.Equal(["PromptWatch:S3:RefreshInterval must be at least one second (it is 00:00:00.5000000)."], failure.Failures);
    }

    [Fact]
    public void A_flat_redis_url_wins_over_the_section()
    {
        using var provider = Services(new()
        {
            ["PromptWatch:Redis:Configuration"] = "section-host:6379",
            ["PromptWatch:Redis:KeyPrefix"] = "team-a:",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:03",
            ["REDIS_URL"] = "redis://:s3cr3t-Pa55@flat-host:6380/2",
        }, static b => b.AddRedisCounters());

        var options = provider.GetRequiredService<IOptions<RedisCounterStoreOptions>>().Value;

        Assert.Equal("redis://:s3cr3t-Pa55@flat-host:6380/2", options.Configuration);
        Assert.Equal("team-a:", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(3), options.OperationTimeout);
        Assert.Contains("Endpoints=flat-host:6380", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_redis_connection_string_variable_is_read_and_two_different_flat_values_are_refused()
    {
        Assert.Equal("cache:6379,password=x", FlatSettings.Translate(Configuration(new() { ["REDIS_CONNECTION_STRING"] = "cache:6379,password=x" }))["PromptWatch:Redis:Configuration"]);
        Assert.Equal("cache:6379", FlatSettings.Translate(Configuration(new() { ["REDIS_URL"] = "cache:6379", ["REDIS_CONNECTION_STRING"] = " cache:6379" }))["PromptWatch:Redis:Configuration"]);

        var failure = Assert.Throws<InvalidOperationException>(() => FlatSettings.Translate(Configuration(new() { ["REDIS_URL"] = "redis://a:6379", ["REDIS_CONNECTION_STRING"] = "b:6379" })));

        Assert.Equal("REDIS_URL and REDIS_CONNECTION_STRING are both set and differ: set only one of them.", failure.Message);
    }

    [Fact]
    public void The_git_names_add_a_repository_after_those_of_the_section_and_the_monitor_interval_wins()
    {
        using var provider = Services(new()
        {
            ["PromptWatch:PollInterval"] = "00:10:00",
            ["PromptWatch:Repositories:0:Location"] = "/srv/first",
            ["PromptWatch:Repositories:1:Location"] = "/srv/second",
            ["GIT_REPO_URL"] = "https://git.example.com/team/llm-config.git",
            ["GIT_BRANCH"] = "release",
            ["GIT_PASSWORD"] = "token-value",
            ["MONITOR_INTERVAL"] = "45",
        });

        var options = provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(45), options.PollInterval);
        Assert.Equal(["/srv/first", "/srv/second", "https://git.example.com/team/llm-config.git"], options.Repositories.Select(static r => r.Location));
        var flat = options.Repositories[2];
        Assert.Equal("release", flat.Branch);
        Assert.Equal("token-value", flat.Password);
        // A token alone gets the user name Git needs with it.
        Assert.Equal("git", flat.Username);
    }

    [Fact]
    public void The_watched_files_variable_names_the_files_of_the_git_repository()
    {
        using var provider = Services(new()
        {
            ["GIT_REPO_URL"] = "https://git.example.com/team/llm-config.git",
            ["GIT_WATCHED_FILES"] = " chart/values.yaml=base, ./chart/values-prod.yaml = prod ,",
        });

        var repository = Assert.Single(provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value.Repositories);

        Assert.Equal("https://git.example.com/team/llm-config.git", repository.Location);
        Assert.Equal(new Dictionary<string, string> { ["chart/values.yaml"] = "base", ["chart/values-prod.yaml"] = "prod" }, repository.Files);
    }

    [Fact]
    public void A_section_entry_that_only_names_files_takes_the_git_url_instead_of_stopping_the_host()
    {
        using var provider = Services(new()
        {
            ["PromptWatch:Repositories:0:Files:chart/values.yaml"] = "base",
            ["GIT_REPO_URL"] = "https://git.example.com/team/llm-config.git",
            ["GIT_BRANCH"] = "release",
        });

        var repository = Assert.Single(provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value.Repositories);

        Assert.Equal("https://git.example.com/team/llm-config.git", repository.Location);
        Assert.Equal("release", repository.Branch);
        Assert.Equal(new Dictionary<string, string> { ["chart/values.yaml"] = "base" }, repository.Files);
    }

    [Theory]
    [InlineData("chart/values.yaml", "GIT_WATCHED_FILES: 'chart/values.yaml' is not of the form <path>=<environment> (for example chart/values.yaml=base,chart/values-prod.yaml=prod).")]
    [InlineData("a.yaml=x,a.yaml=y", "GIT_WATCHED_FILES names a.yaml twice.")]
    [InlineData(" , ", "GIT_WATCHED_FILES names no file: write <path>=<environment> pairs separated by commas.")]
    public void A_watched_files_value_that_cannot_be_read_is_named_by_its_variable(string value, string message)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => FlatSettings.Translate(Configuration(new() { ["GIT_REPO_URL"] = "https://git.example.com/a.git", ["GIT_WATCHED_FILES"] = value })));

        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void Watched_files_without_a_git_url_are_refused()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => FlatSettings.Translate(Configuration(new() { ["GIT_WATCHED_FILES"] = "chart/values.yaml=base" })));

        Assert.Equal("GIT_WATCHED_FILES is set without GIT_REPO_URL: set the repository's URL too.", failure.Message);
    }

    [Fact]
    public void Git_credentials_and_branch_without_a_url_add_nothing()
    {
        var settings = FlatSettings.Translate(Configuration(new() { ["GIT_USERNAME"] = "deploy", ["GIT_PASSWORD"] = "pw", ["GIT_BRANCH"] = "main", ["GIT_REPO_URL"] = " " }));

        Assert.Empty(settings);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData(" 30")]
    [InlineData("soon")]
    public void A_monitor_interval_that_is_not_whole_seconds_is_named_by_its_variable(string value)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => FlatSettings.Translate(Configuration(new() { ["MONITOR_INTERVAL"] = value })));

        Assert.Equal($"MONITOR_INTERVAL must be a whole number of seconds, not '{value}'.", failure.Message);
    }

    [Fact]
    public void Every_unreadable_value_is_named_in_one_message()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => FlatSettings.Translate(Configuration(new()
        {
            ["MONITOR_INTERVAL"] = "soon",
            ["S3_REFRESH_INTERVAL"] = "later",
            ["REDIS_URL"] = "redis://a:6379",
            ["REDIS_CONNECTION_STRING"] = "b:6379",
        })));

        Assert.Contains("MONITOR_INTERVAL", failure.Message, StringComparison.Ordinal);
        Assert.Contains("S3_REFRESH_INTERVAL", failure.Message, StringComparison.Ordinal);
        Assert.Contains("REDIS_URL and REDIS_CONNECTION_STRING", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_webhook_secret_variable_wins_over_the_section()
    {
        using var provider = Services(new()
        {
            ["PromptWatch:GitHub:Secret"] = "section-secret",
            ["GITHUB_WEBHOOK_SECRET"] = "flat-secret",
        }, static b => b.AddGitHubWebhooks());

        Assert.Equal("flat-secret", provider.GetRequiredService<IOptions<GitHubWebhookOptions>>().Value.Secret);
    }

    [Fact]
    public void Without_flat_names_nothing_is_translated()
    {
        Assert.Empty(FlatSettings.Translate(Configuration(new() { ["PromptWatch:S3:Endpoint"] = "https://s3.example.com", ["S3_CLIENT"] = "minio" })));
    }

    [Fact]
    public void The_sample_reads_the_flat_names_into_the_packages_sections()
    {
        using var repository = new WatchedRepository();
        using var host = new PromptWatchHost(repository.Path, settings: new Dictionary<string, string>
        {
            ["S3_ENDPOINT"] = "http://127.0.0.1:9",
            ["S3_ACCESS_KEY"] = Access,
            ["S3_SECRET_KEY"] = Secret,
            ["S3_BUCKET_NAME"] = "flat-bucket",
            ["PromptWatch:S3:Bucket"] = "section-bucket",
        });

        var store = Assert.IsType<AwsS3ResultStore>(Assert.Single(host.Services.GetServices<IEvaluationResultStore>()));

        Assert.Equal("s3://flat-bucket at http://127.0.0.1:9", store.DisplayName);
    }

    [Fact]
    public void The_sample_does_not_start_when_a_flat_value_cannot_be_read()
    {
        using var repository = new WatchedRepository();
        using var host = new PromptWatchHost(repository.Path, settings: new Dictionary<string, string> { ["MONITOR_INTERVAL"] = "soon" });

        var failure = Assert.ThrowsAny<Exception>(() => host.Services);

        Assert.Contains("MONITOR_INTERVAL must be a whole number of seconds, not 'soon'.", Messages(failure), StringComparison.Ordinal);
    }

    private static string Messages(Exception exception) => exception.InnerException is null ? exception.Message : exception.Message + " " + Messages(exception.InnerException);

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    /// <summary>Services as the sample makes them: the configuration with the translation added last.</summary>
    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IPromptWatchBuilder>? add = null)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings);
        if (!settings.Keys.Any(static k => k.StartsWith("PromptWatch:Repositories", StringComparison.Ordinal) || k == "GIT_REPO_URL"))
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PromptWatch:Repositories:0:Location"] = "/unused" });
        }

        configuration.AddFlatSettings();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        var promptWatch = services.AddPromptWatch();
        add?.Invoke(promptWatch);
        return services.BuildServiceProvider();
    }
}
