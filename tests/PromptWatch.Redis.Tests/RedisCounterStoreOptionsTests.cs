using Microsoft.Extensions.Configuration;

namespace PromptWatch.Redis.Tests;

/// <summary>Binding from the section, validation messages, and the password kept out of text.</summary>
public sealed class RedisCounterStoreOptionsTests
{
    private const string Secret = "s3cr3t-Pa55";

    [Fact]
    public void The_section_binds_and_the_flat_names_of_the_replaced_tool_are_not_read()
    {
        var options = Bind(new()
        {
            ["PromptWatch:Redis:Configuration"] = $"redis://:{Secret}@section-host:6380/2",
            ["PromptWatch:Redis:KeyPrefix"] = "team-a:",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:03",
            ["REDIS_URL"] = "redis://flat-host:6379",
            ["REDIS_CONNECTION_STRING"] = "other-host:6379",
        });

        Assert.Equal($"redis://:{Secret}@section-host:6380/2", options.Configuration);
        Assert.Equal("team-a:", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(3), options.OperationTimeout);
        Assert.Empty(RedisCounterStoreOptionsValidator.Check(options));
        Assert.True(RedisConnectionSettings.TryParse(options.Configuration, out var settings, out _));
        Assert.Equal("section-host:6380", settings.Display);
        Assert.Equal(2, settings.Options.DefaultDatabase);
        Assert.Equal(Secret, settings.Options.Password);
    }

    [Theory]
    [InlineData("redis://user:p%40ss@host.example.com", "host.example.com:6379", "user", "p@ss", false)]
    [InlineData("rediss://:pw@secure.example.com:6390", "secure.example.com:6390", null, "pw", true)]
    [InlineData("host-a:7000,host-b:7001,password=pw,ssl=true", "host-a:7000, host-b:7001", null, "pw", true)]
    [InlineData("redis://10.0.0.5", "10.0.0.5:6379", null, null, false)]
    public void Urls_and_configuration_strings_are_read(string configuration, string display, string? user, string? password, bool ssl)
    {
        Assert.True(RedisConnectionSettings.TryParse(configuration, out var settings, out var problem), problem);

        Assert.Equal(display, settings.Display);
        Assert.Equal(user, settings.Options.User);
        Assert.Equal(password, settings.Options.Password);
        Assert.Equal(ssl, settings.Options.Ssl);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("  ", "is not set")]
    [InlineData("http://redis.example.com", "another scheme")]
    [InlineData("redis://:" + Secret + "@host/not-a-number", "database number")]
    [InlineData("password=" + Secret, "names no host")]
    [InlineData("host:6379,unknownkeyword=1", "could not be read")]
    public void A_bad_configuration_stops_the_host_with_a_message_naming_the_setting_and_not_the_password(string? configuration, string expected)
    {
        var failures = RedisCounterStoreOptionsValidator.Check(new RedisCounterStoreOptions { Configuration = configuration });

        var failure = Assert.Single(failures);
        Assert.StartsWith("PromptWatch:Redis:Configuration ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_prefixes_and_timeouts_out_of_range_are_refused()
    {
        var failures = RedisCounterStoreOptionsValidator.Check(new RedisCounterStoreOptions
        {
            Configuration = "localhost",
            KeyPrefix = "",
            ConnectTimeout = TimeSpan.Zero,
            OperationTimeout = TimeSpan.FromHours(1),
            HealthCheckTimeout = TimeSpan.FromMilliseconds(-1),
        });

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, static f => f.StartsWith("PromptWatch:Redis:KeyPrefix is empty", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("PromptWatch:Redis:ConnectTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("PromptWatch:Redis:OperationTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("PromptWatch:Redis:HealthCheckTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_and_the_store_show_the_endpoint_but_never_the_password()
    {
        var options = new RedisCounterStoreOptions { Configuration = $"cache.example.com:6379,password={Secret}" };

        var text = options.ToString();

        Assert.Contains("Endpoints=cache.example.com:6379", text, StringComparison.Ordinal);
        Assert.Contains("Password=(set)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        using var store = new RedisCounterStore(options);
        Assert.Equal("Redis at cache.example.com:6379", store.DisplayName);
    }

    [Fact]
    public void A_store_made_with_invalid_options_lists_every_problem()
    {
        var failure = Assert.Throws<ArgumentException>(() => new RedisCounterStore(new RedisCounterStoreOptions { Configuration = "password=" + Secret, KeyPrefix = "" }));

        Assert.Contains("names no host", failure.Message, StringComparison.Ordinal);
        Assert.Contains("KeyPrefix is empty", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    private static RedisCounterStoreOptions Bind(Dictionary<string, string?> values)
    {
        var options = new RedisCounterStoreOptions();
        RedisCounterStoreOptionsSetup.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), options);
        return options;
    }
}
