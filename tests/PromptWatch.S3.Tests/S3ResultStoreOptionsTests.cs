using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Results;
using PromptWatch.S3.Tests.Support;

namespace PromptWatch.S3.Tests;

/// <summary>Binding and checking the S3 options; nothing here talks to a server.</summary>
public sealed class S3ResultStoreOptionsTests
{
    private const string Secret = "Sup3rSecret/Key+Value";
    private const string Access = "AKIDEXAMPLEACCESS";

    [Fact]
    public void Complete_options_are_valid_and_the_defaults_are_documented_ones()
    {
        var options = Valid();

        Assert.Empty(S3ResultStoreOptionsValidator.Check(options));
        Assert.Equal("results", new S3ResultStoreOptions().Bucket);
        Assert.Equal("us-east-1", options.Region);
        Assert.True(options.ForcePathStyle);
        Assert.True(options.VerifyTls);
        Assert.Null(options.PresignedUrlLifetime);
        Assert.Equal(1_000_000, options.MaxListedObjects);
        Assert.Null(options.RefreshInterval);
    }

    public static TheoryData<string, Action<S3ResultStoreOptions>, string> Problems => new()
    {
        { "no endpoint", static o => o.Endpoint = null, "PromptWatch:S3:Endpoint is empty" },
        { "relative endpoint", static o => o.Endpoint = "s3.example.com", "PromptWatch:S3:Endpoint must be an absolute http:// or https:// URL" },
        { "ftp endpoint", static o => o.Endpoint = "ftp://s3.example.com", "PromptWatch:S3:Endpoint must be an absolute http:// or https:// URL" },
        { "endpoint with credentials", static o => o.Endpoint = "https://user:pw@s3.example.com", "PromptWatch:S3:Endpoint may not contain a user name or password" },
        { "endpoint with a path", static o => o.Endpoint = "https://s3.example.com/results", "PromptWatch:S3:Endpoint must be the server's base URL without a path" },
        { "no access key", static o => o.AccessKey = " ", "PromptWatch:S3:AccessKey is not set." },
        { "no secret key", static o => o.SecretKey = null, "PromptWatch:S3:SecretKey is not set." },
        { "short bucket", static o => o.Bucket = "ab", "PromptWatch:S3:Bucket 'ab' is not a valid S3 bucket name: it must be 3 to 63 characters long." },
        { "upper-case bucket", static o => o.Bucket = "Results", "'Results' is not a valid S3 bucket name: it may hold only lower-case letters, digits, '.' and '-'." },
        { "underscore bucket", static o => o.Bucket = "eval_results", "'eval_results' is not a valid S3 bucket name: it may hold only lower-case letters, digits, '.' and '-'." },
        { "bucket ending in a dash", static o => o.Bucket = "results-", "it must begin and end with a letter or digit" },
        { "bucket with two periods", static o => o.Bucket = "my..results", "it may not hold two periods in a row" },
        { "bucket like an address", static o => o.Bucket = "192.168.5.4", "it may not be an IP address" },
        { "relative console", static o => o.UiUrl = "console", "PromptWatch:S3:UiUrl must be an absolute http:// or https:// URL" },
        { "missing CA file", static o => o.CaBundlePath = "/nonexistent/ca.pem", "PromptWatch:S3:CaBundlePath '/nonexistent/ca.pem' does not exist" },
        { "zero lifetime", static o => o.PresignedUrlLifetime = TimeSpan.Zero, "PromptWatch:S3:PresignedUrlLifetime must be between one second and 7 days" },
        { "eight-day lifetime", static o => o.PresignedUrlLifetime = TimeSpan.FromDays(8), "PromptWatch:S3:PresignedUrlLifetime must be between one second and 7 days" },
        { "no listing", static o => o.MaxListedObjects = 0, "PromptWatch:S3:MaxListedObjects must be positive" },
        { "short timeout", static o => o.Timeout = TimeSpan.FromMilliseconds(10), "PromptWatch:S3:Timeout must be at least one second" },
        { "short refresh", static o => o.RefreshInterval = TimeSpan.FromMilliseconds(500), "PromptWatch:S3:RefreshInterval must be at least one second" },
        { "no region", static o => o.Region = "", "PromptWatch:S3:Region is empty" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_gets_a_message_naming_the_setting(string problem, Action<S3ResultStoreOptions> breakIt, string expected)
    {
        var options = Valid();
        breakIt(options);

        var failures = S3ResultStoreOptionsValidator.Check(options);

        var failure = Assert.Single(failures);
        Assert.True(failure.Contains(expected, StringComparison.Ordinal), $"{problem}: '{failure}' does not contain '{expected}'.");
        Assert.DoesNotContain(Secret, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_holds_no_certificate_is_not_a_ca_bundle()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate");
            var options = Valid();
            options.CaBundlePath = path;

            Assert.Contains("holds no PEM certificate", Assert.Single(S3ResultStoreOptionsValidator.Check(options)), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_package_reads_its_section_and_not_the_flat_names_of_the_replaced_tool()
    {
        var options = Bind(new()
        {
            ["PromptWatch:S3:Endpoint"] = "https://section.example.com",
            ["PromptWatch:S3:Bucket"] = "section-bucket",
            ["S3_ENDPOINT"] = "http://flat.example.com:7480",
            ["S3_ACCESS_KEY"] = Access,
            ["S3_SECRET_KEY"] = Secret,
            ["S3_BUCKET_NAME"] = "flat-bucket",
            ["S3_REGION"] = "eu-central-1",
            ["S3_REFRESH_INTERVAL"] = "soon",
        });

        Assert.Equal("https://section.example.com", options.Endpoint);
        Assert.Equal("section-bucket", options.Bucket);
        Assert.Null(options.AccessKey);
        Assert.Null(options.SecretKey);
        Assert.Equal("us-east-1", options.Region);
        Assert.Null(options.RefreshInterval);
    }

    [Fact]
    public void The_section_alone_is_enough()
    {
        var options = Bind(new()
        {
            ["PromptWatch:S3:Endpoint"] = "https://s3.example.com",
            ["PromptWatch:S3:AccessKey"] = Access,
            ["PromptWatch:S3:SecretKey"] = Secret,
            ["PromptWatch:S3:RefreshInterval"] = "00:00:30",
        });

        Assert.Empty(S3ResultStoreOptionsValidator.Check(options));
        Assert.Equal("results", options.Bucket);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RefreshInterval);
    }

    [Fact]
    public void ToString_shows_where_the_store_is_and_never_the_keys()
    {
        var options = Valid();
        options.UiUrl = "https://admin:hunter2@console.example.com";

        var text = options.ToString();

        Assert.Contains("Endpoint=https://s3.example.com/", text, StringComparison.Ordinal);
        Assert.Contains("Bucket=results", text, StringComparison.Ordinal);
        Assert.Contains("SecretKey=(set)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Access, text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_bad_s3_settings_does_not_start_and_says_which_to_fix()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:S3:Endpoint"] = "s3.example.com",
            ["PromptWatch:S3:SecretKey"] = Secret,
            ["PromptWatch:S3:Bucket"] = "Eval_Results",
        });
        builder.Services.AddPromptWatch(static o => o.Repositories.Add(new() { Location = "/unused" })).AddS3EvaluationResults();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PromptWatch:S3:Endpoint must be an absolute http:// or https:// URL", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:S3:AccessKey is not set.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'Eval_Results' is not a valid S3 bucket name", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Code_runs_after_configuration()
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PromptWatch:S3:Endpoint"] = "https://s3.example.com",
                ["PromptWatch:S3:AccessKey"] = Access,
                ["PromptWatch:S3:SecretKey"] = Secret,
                ["PromptWatch:S3:Bucket"] = "from-configuration",
            }).Build());
        services.AddPromptWatch(static o => o.Repositories.Add(new() { Location = "/unused" }))
            .AddS3EvaluationResults(static o => o.Bucket = "from-code");
        using var provider = services.BuildServiceProvider();

        Assert.Equal("from-code", provider.GetRequiredService<IOptions<S3ResultStoreOptions>>().Value.Bucket);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Turning_tls_verification_off_warns_once_when_the_store_starts(bool minio)
    {
        var services = new ServiceCollection().AddLogging(static logging => logging.AddFakeLogging());
        var builder = services.AddPromptWatch(static o => o.Repositories.Add(new() { Location = "/unused" }));
        Action<S3ResultStoreOptions> configure = static o =>
        {
            o.Endpoint = "https://s3.example.com";
            o.AccessKey = Access;
            o.SecretKey = Secret;
            o.VerifyTls = false;
        };
        if (minio) builder.AddMinioEvaluationResults(configure);
        else builder.AddS3EvaluationResults(configure);
        using var provider = services.BuildServiceProvider();

        var store = provider.GetServices<IEvaluationResultStore>().Single();
        _ = provider.GetServices<IEvaluationResultStore>().Single();

        var warning = Assert.Single(provider.GetFakeLogCollector().GetSnapshot(), static r => r.Level == LogLevel.Warning);
        Assert.Contains("https://s3.example.com", warning.Message, StringComparison.Ordinal);
        Assert.Contains("not verified", warning.Message, StringComparison.Ordinal);
        Assert.Equal("false", ((IDescribedResultStore)store).Describe()["verify_tls"]);
    }

    [Fact]
    public void A_store_made_in_code_from_bad_options_says_what_to_fix()
    {
        var options = Valid();
        options.Bucket = "x";

        var failure = Assert.Throws<ArgumentException>(() => new AwsS3ResultStore(options));

        Assert.Contains("PromptWatch:S3:Bucket 'x' is not a valid S3 bucket name", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7480", "127.0.0.1", 7480, false, "http://127.0.0.1:7480")]
    [InlineData("https://s3.example.com/", "s3.example.com", 443, true, "https://s3.example.com")]
    [InlineData("http://[::1]:7480", "[::1]", 7480, false, "http://[::1]:7480")]
    [InlineData("https://bücher.example:9000", "xn--bcher-kva.example", 9000, true, "https://bücher.example:9000")]
    public void The_endpoint_gives_the_clients_host_port_and_scheme(string endpoint, string host, int port, bool https, string display)
    {
        var parsed = S3Endpoint.Parse(endpoint);

        Assert.Equal(host, parsed.Host);
        Assert.Equal(port, parsed.Port);
        Assert.Equal(https, parsed.IsHttps);
        Assert.Equal(display, parsed.Display);
    }

    private static S3ResultStoreOptions Valid() => new()
    {
        Endpoint = "https://s3.example.com",
        AccessKey = Access,
        SecretKey = Secret,
    };

    private static S3ResultStoreOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new S3ResultStoreOptions();
        S3ResultStoreOptionsSetup.Bind(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), options);
        return options;
    }
}
