using Microsoft.Extensions.Logging.Testing;
using PromptWatch.Redis.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.Redis.Tests;

/// <summary>
/// Redis that cannot be used: a wrong password, a closed port, a server that never answers. Each operation fails with a
/// <see cref="PromptWatchException"/> of one sentence naming the endpoint and the cause; the password appears in no
/// message, no inner exception's message and no log line.
/// </summary>
public sealed class ConnectionFailureTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string WrongPassword = "wrong-password-3f9c1d";

    // The client may report a refused connection or password only once the connect time-out has passed (and each
    // call connects again); a refusal that arrives after it is reported as an unreachable server instead of refused
    // credentials. 5 s was once too short for a busy machine to answer AUTH; 15 s leaves it time.
    private static readonly TimeSpan RefusedConnectTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_wrong_password_is_reported_as_refused_credentials_without_either_password()
    {
        var logs = new FakeLogCollector();
        var options = RedisTestServer.Options();
        options.Configuration = $"{RedisTestServer.Endpoint},password={WrongPassword}";
        options.ConnectTimeout = RefusedConnectTimeout;
        await using var store = Store(options, logs);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.IncrementAsync("commits"));

        Assert.StartsWith($"Could not increment counter 'commits' in Redis at {RedisTestServer.Endpoint}: the server refused the credentials", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsPermanent);
        AssertNoSecret(failure, logs, WrongPassword, RedisTestServer.Password);
        await Assert.ThrowsAsync<PromptWatchException>(async () => await store.ApplyOnceAsync("d", TimeSpan.FromHours(1), [new("commits")]));
        AssertNoSecret(null, logs, WrongPassword, RedisTestServer.Password);
    }

    [Fact]
    public async Task A_url_with_a_wrong_password_is_reported_without_it()
    {
        var logs = new FakeLogCollector();
        var options = RedisTestServer.Options();
        options.Configuration = $"redis://promptwatch-user:{WrongPassword}@{RedisTestServer.Endpoint}/0";
        options.ConnectTimeout = RefusedConnectTimeout;
        await using var store = Store(options, logs);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.GetAsync(["commits"]));

        Assert.Contains(RedisTestServer.Endpoint, failure.Message, StringComparison.Ordinal);
        Assert.Contains("refused the credentials", failure.Message, StringComparison.Ordinal);
        AssertNoSecret(failure, logs, WrongPassword, RedisTestServer.Password);
        Assert.DoesNotContain(WrongPassword, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_unreachable()
    {
        var logs = new FakeLogCollector();
        var port = SilentServer.ClosedPort();
        var options = RedisTestServer.Options();
        options.Configuration = $"127.0.0.1:{port},password={RedisTestServer.Password}";
        options.ConnectTimeout = RefusedConnectTimeout;
        await using var store = Store(options, logs);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.TrySetMarkerAsync("delivery", TimeSpan.FromHours(1)));

        Assert.StartsWith($"Could not set marker 'delivery' in Redis at 127.0.0.1:{port}: the server cannot be reached", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsPermanent);
        AssertNoSecret(failure, logs, RedisTestServer.Password);
        Assert.Contains(logs.GetSnapshot(), static r => r.Id.Id == 401);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_reported_within_the_time_outs()
    {
        await using var silent = new SilentServer();
        var logs = new FakeLogCollector();
        var options = RedisTestServer.Options();
        options.Configuration = $"127.0.0.1:{silent.Port},password={RedisTestServer.Password}";
        options.ConnectTimeout = TimeSpan.FromMilliseconds(500);
        options.OperationTimeout = TimeSpan.FromMilliseconds(500);
        await using var store = Store(options, logs);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.IncrementAsync("commits"));

        // A generous bound for "does not hang".
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"It took {watch.Elapsed}.");
        Assert.Contains($"Redis at 127.0.0.1:{silent.Port}", failure.Message, StringComparison.Ordinal);
        Assert.Matches("cannot be reached|did not answer", failure.Message);
        AssertNoSecret(failure, logs, RedisTestServer.Password);
    }

    // A fake logger records every level.
    private static RedisCounterStore Store(RedisCounterStoreOptions options, FakeLogCollector logs) => new(options, new FakeLogger<RedisCounterStore>(logs));

    internal void AssertNoSecret(Exception? failure, FakeLogCollector logs, params string[] secrets)
    {
        output.WriteLine(failure?.ToString() ?? "(no exception)");
        output.WriteLine(logs.AllText());
        foreach (var secret in secrets)
        {
            for (var current = failure; current is not null; current = current.InnerException)
            {
                Assert.DoesNotContain(secret, current.Message, StringComparison.Ordinal);
            }

            if (failure is not null) Assert.DoesNotContain(secret, failure.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs.AllText(), StringComparison.Ordinal);
        }
    }
}
