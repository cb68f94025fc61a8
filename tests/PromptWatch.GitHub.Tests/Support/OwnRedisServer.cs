using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// A redis-server of the test's own (<see cref="OwnService"/> of <c>scripts/redis-server.sh</c>), so that stopping and
/// starting it mid-run disturbs no other test. Needs the Debian package redis-server, which <c>./build.sh test</c> installs.
/// </summary>
public sealed class OwnRedisServer : IAsyncLifetime
{
    private OwnService? _service;

    /// <summary>A StackExchange.Redis configuration string (with the password) for the server.</summary>
    public string Configuration => $"{Settings["PROMPTWATCH_TEST_REDIS"]},password={Password}";

    /// <summary>The server's password, to check it appears nowhere.</summary>
    public string Password => Settings["PROMPTWATCH_TEST_REDIS_PASSWORD"];

    private OwnService Service => _service ?? throw new InvalidOperationException("The server is not started.");

    private IReadOnlyDictionary<string, string> Settings => Service.Settings;

    public async Task InitializeAsync() => _service = await OwnService.StartAsync("redis-server");

    /// <summary>Stops the server, keeping its port and password.</summary>
    public Task StopAsync() => Service.RunAsync("stop-server");

    /// <summary>Starts it again on the same port with the same password (and no data: nothing is saved).</summary>
    public Task StartAsync() => Service.RunAsync("start-server");

    public Task DisposeAsync()
    {
        _service?.Dispose();
        return Task.CompletedTask;
    }
}
