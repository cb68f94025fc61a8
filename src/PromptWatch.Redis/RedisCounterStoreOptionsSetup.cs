using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>
/// Binds <see cref="RedisCounterStoreOptions"/> from the <c>PromptWatch:Redis</c> section, then from the flat names
/// <c>REDIS_URL</c> and <c>REDIS_CONNECTION_STRING</c> (usually environment variables), which win when present.
/// </summary>
internal sealed class RedisCounterStoreOptionsSetup(IServiceProvider services) : IConfigureOptions<RedisCounterStoreOptions>
{
    /// <summary>The flat names read for <see cref="RedisCounterStoreOptions.Configuration"/>.</summary>
    public const string UrlVariable = "REDIS_URL";

    /// <summary>The other flat name; when both are set they must agree.</summary>
    public const string ConnectionStringVariable = "REDIS_CONNECTION_STRING";

    public void Configure(RedisCounterStoreOptions options)
    {
        if (services.GetService<IConfiguration>() is { } configuration) Bind(configuration, options);
    }

    /// <summary>Applies the section and then the flat names of <paramref name="configuration"/> to <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, RedisCounterStoreOptions options)
    {
        configuration.GetSection(RedisCounterStoreOptions.SectionName).Bind(options);
        var url = Flat(configuration, UrlVariable);
        var connectionString = Flat(configuration, ConnectionStringVariable);
        if (url is not null && connectionString is not null && url != connectionString)
        {
            options.InvalidSettings.Add($"{UrlVariable} and {ConnectionStringVariable} are both set and differ: set only one of them.");
        }

        if ((url ?? connectionString) is { } flat) options.Configuration = flat;
    }

    private static string? Flat(IConfiguration configuration, string name) => configuration[name] is { Length: > 0 } value ? value.Trim() : null;
}
