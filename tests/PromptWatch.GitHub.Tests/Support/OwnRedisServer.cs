using System.Diagnostics;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// A redis-server of the test's own (<c>scripts/redis-server.sh</c> in a temporary folder), so that stopping and
/// starting it mid-run disturbs no other test. Needs the Debian package redis-server, which <c>./build.sh test</c> installs.
/// </summary>
public sealed class OwnRedisServer : IAsyncLifetime
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "promptwatch-redis-" + Guid.NewGuid().ToString("N"));
    private Dictionary<string, string> _settings = [];

    /// <summary>A StackExchange.Redis configuration string (with the password) for the server.</summary>
    public string Configuration => $"{_settings["PROMPTWATCH_TEST_REDIS"]},password={_settings["PROMPTWATCH_TEST_REDIS_PASSWORD"]}";

    /// <summary>The server's password, to check it appears nowhere.</summary>
    public string Password => _settings["PROMPTWATCH_TEST_REDIS_PASSWORD"];

    public async Task InitializeAsync()
    {
        await RunAsync("start");
        _settings = File.ReadAllLines(Path.Combine(_state, "env"))
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\'', '"'));
    }

    /// <summary>Stops the server, keeping its port and password.</summary>
    public Task StopAsync() => RunAsync("stop-server");

    /// <summary>Starts it again on the same port with the same password (and no data: nothing is saved).</summary>
    public Task StartAsync() => RunAsync("start-server");

    public Task DisposeAsync() => RunAsync("stop");

    private async Task RunAsync(string command)
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "redis-server.sh");
        using var process = Process.Start(new ProcessStartInfo(script, [command, _state]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"redis-server.sh {command} failed: {await output}{error}");
    }
}
