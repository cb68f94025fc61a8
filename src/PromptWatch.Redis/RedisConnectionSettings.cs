using System.Globalization;
using StackExchange.Redis;

namespace PromptWatch.Redis;

/// <summary>A parsed <see cref="RedisCounterStoreOptions.Configuration"/>: the client's options and a display of its endpoints (never the password).</summary>
internal sealed class RedisConnectionSettings
{
    private RedisConnectionSettings(ConfigurationOptions options)
    {
        Options = options;
        Display = options.EndPoints.Count == 0 ? "(no endpoint)" : string.Join(", ", options.EndPoints.Select(Format));
        Password = options.Password is { Length: > 0 } password ? password : null;
    }

    /// <summary>The client's options as parsed, before timeouts and connection behaviour are applied.</summary>
    public ConfigurationOptions Options { get; }

    /// <summary>The endpoints, <c>host:port</c>, comma-separated.</summary>
    public string Display { get; }

    /// <summary>The password, if any (for redaction only).</summary>
    public string? Password { get; }

    /// <summary>Whether a password is set.</summary>
    public bool HasPassword => Password is not null;

    /// <summary>Parses a URL or a StackExchange.Redis configuration string.</summary>
    /// <param name="configuration">The text.</param>
    /// <param name="settings">The settings, when it could be read.</param>
    /// <param name="problem">Why it could not be read (a phrase that never holds the password), otherwise <see langword="null"/>.</param>
    /// <returns>Whether it could be read.</returns>
    public static bool TryParse(string? configuration, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RedisConnectionSettings? settings, out string? problem)
    {
        settings = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(configuration))
        {
            problem = "is not set";
            return false;
        }

        var text = configuration.Trim();
        ConfigurationOptions options;
        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryParseUrl(text, out options!, out problem)) return false;
        }
        else if (text.Contains("://", StringComparison.Ordinal))
        {
            problem = "is a URL of another scheme than redis:// or rediss://";
            return false;
        }
        else
        {
            try
            {
                options = ConfigurationOptions.Parse(text);
            }
            catch (ArgumentException e)
            {
                problem = "could not be read as a StackExchange.Redis configuration string: " + e.Message.TrimEnd('.');
                return false;
            }
        }

        if (options.EndPoints.Count == 0)
        {
            problem = "names no host (for example redis://redis.example.com:6379 or redis.example.com:6379,password=...)";
            return false;
        }

        settings = new RedisConnectionSettings(options);
        return true;
    }

    private static bool TryParseUrl(string text, out ConfigurationOptions? options, out string? problem)
    {
        options = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            problem = "is not a valid redis:// URL (redis://[[user]:password@]host[:port][/database])";
            return false;
        }

        options = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        var port = uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port;
        options.EndPoints.Add(uri.Host.Trim('[', ']'), port);
        if (options.Ssl) options.SslHost = uri.Host;
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = separator < 0 ? string.Empty : Uri.UnescapeDataString(uri.UserInfo[..separator]);
            var password = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[(separator + 1)..]);
            if (user.Length > 0) options.User = user;
            if (password.Length > 0) options.Password = password;
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database))
            {
                problem = "has a path that is not a database number (redis://host:port/0)";
                options = null;
                return false;
            }

            options.DefaultDatabase = database;
        }

        problem = null;
        return true;
    }

    private static string Format(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
        System.Net.IPEndPoint ip => ip.ToString(),
        _ => endPoint.ToString() ?? "(endpoint)",
    };
}
