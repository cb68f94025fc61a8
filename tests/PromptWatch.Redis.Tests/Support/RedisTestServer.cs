using System.Diagnostics;
using StackExchange.Redis;

namespace PromptWatch.Redis.Tests.Support;

/// <summary>The real Redis server the tests run against, from the environment the test script sets.</summary>
internal static class RedisTestServer
{
    public const string EndpointVariable = "PROMPTWATCH_TEST_REDIS";
    public const string PasswordVariable = "PROMPTWATCH_TEST_REDIS_PASSWORD";
    public const string StateDirVariable = "PROMPTWATCH_TEST_REDIS_STATE_DIR";

    /// <summary>The server's <c>host:port</c>.</summary>
    public static string Endpoint => Read(EndpointVariable);

    /// <summary>The server's password.</summary>
    public static string Password => Read(PasswordVariable);

    /// <summary>A StackExchange.Redis configuration string for the server.</summary>
    public static string Configuration => $"{Endpoint},password={Password}";

    /// <summary>A key prefix no other test uses.</summary>
    public static string UniquePrefix() => $"promptwatch-tests:{Guid.NewGuid():N}:";

    /// <summary>
    /// Options for the server with a prefix of the test's own. The time-outs are bounds for "does not hang", not for
    /// speed: on a busy two-core machine a first connection (or a call queued behind 64 others) can take seconds, and a
    /// test that means to see a time-out sets short ones itself. A refused connection or password fails at once anyway.
    /// </summary>
    public static RedisCounterStoreOptions Options(string? prefix = null) => new()
    {
        Configuration = Configuration,
        KeyPrefix = prefix ?? UniquePrefix(),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        OperationTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// A plain client of the server, for looking at keys as Redis holds them; with 30 s time-outs rather than the
    /// client's 5 s, for the same reason as <see cref="Options"/>.
    /// </summary>
    public static Task<ConnectionMultiplexer> ConnectRawAsync()
    {
        var configuration = ConfigurationOptions.Parse(Configuration);
        configuration.ConnectTimeout = 30_000;
        configuration.SyncTimeout = 30_000;
        configuration.AsyncTimeout = 30_000;
        return ConnectionMultiplexer.ConnectAsync(configuration);
    }

    /// <summary>Runs <c>scripts/redis-server.sh &lt;command&gt; &lt;state-dir&gt;</c> (stop-server, start-server, restart).</summary>
    public static void Run(string command)
    {
        var state = Read(StateDirVariable);
        var script = Path.Combine(PromptWatch.AspNetCore.Tests.Support.RepositoryRoot.Path, "scripts", "redis-server.sh");
        using var process = Process.Start(new ProcessStartInfo(script, [command, state]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"redis-server.sh {command} failed: {output.Result}{error}");
    }

    private static string Read(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) return value;
        throw new InvalidOperationException(
            $"{variable} is not set. The Redis tests run against a real redis-server that the test script starts: run ./build.sh test, " +
            "or start one with scripts/redis-server.sh start <folder> and export its settings with set -a; . <folder>/env; set +a.");
    }
}
