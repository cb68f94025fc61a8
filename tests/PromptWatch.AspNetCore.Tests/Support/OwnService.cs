using System.Diagnostics;

namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>
/// A test service of this test's own, started with <c>scripts/&lt;name&gt;.sh start &lt;folder&gt;</c> on a free port (never
/// the shared one build.sh started), so that stopping it disturbs no other test; stopped and its folder removed on dispose.
/// </summary>
public sealed class OwnService : IDisposable
{
    private readonly string _script;

    private OwnService(string name, string state, IReadOnlyDictionary<string, string> settings)
    {
        _script = Path.Combine(RepositoryRoot.Path, "scripts", name + ".sh");
        StateDirectory = state;
        Settings = settings;
    }

    /// <summary>The folder the script keeps the service's state in.</summary>
    public string StateDirectory { get; }

    /// <summary>What the script wrote to <c>&lt;folder&gt;/env</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Starts <c>scripts/<paramref name="name"/>.sh</c> in a new folder and reads its settings.</summary>
    public static async Task<OwnService> StartAsync(string name)
    {
        var state = Path.Combine(Path.GetTempPath(), $"promptwatch-{name}-{Guid.NewGuid():N}"[..48]);
        var script = Path.Combine(RepositoryRoot.Path, "scripts", name + ".sh");
        try
        {
            await RunAsync(script, "start", state);
        }
        catch
        {
            await RunAsync(script, "stop", state);
            throw;
        }

        var settings = File.ReadAllLines(Path.Combine(state, "env")).Select(static l => l.Split('=', 2)).ToDictionary(static p => p[0], static p => p[1], StringComparer.Ordinal);
        return new OwnService(name, state, settings);
    }

    /// <summary>Runs one of the script's verbs on this instance (<c>stop-server</c>, <c>start-gateway</c>, <c>add-user</c> with its arguments...).</summary>
    public Task RunAsync(string verb, params string[] arguments) => RunAsync(_script, verb, [StateDirectory, .. arguments]);

    public void Dispose() => RunAsync(_script, "stop", StateDirectory).GetAwaiter().GetResult();

    private static async Task RunAsync(string script, string verb, params string[] arguments)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(verb);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A bound for "does not hang": a Ceph cluster starts in well under a minute even on a busy machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(script)} {verb} did not finish within 4 minutes");
        }

        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(script)} {verb} failed ({process.ExitCode}): {await output}{await error}");
    }
}
