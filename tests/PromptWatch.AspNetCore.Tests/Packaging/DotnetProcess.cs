using System.Diagnostics;
using System.Text;

namespace PromptWatch.AspNetCore.Tests.Packaging;

/// <summary>
/// A <c>dotnet</c> child process whose standard output and error are kept, interleaved, for assertion
/// messages. Disposing kills it with its whole process tree when it still runs.
/// </summary>
internal sealed class DotnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DotnetProcess(string workingDirectory, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(HostPath())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        // Under 'dotnet test' the test host inherits MSBuild's variables, which would point a nested build at the
        // outer one's MSBuild; a nested build must find its own.
        foreach (var name in start.Environment.Keys.Where(static n => n.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1";
        // No build node, MSBuild server or compiler server may outlive the command: they would keep running after
        // the test and hold its output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        Description = "dotnet " + string.Join(' ', arguments);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The command line, for messages.</summary>
    public string Description { get; }

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public static DotnetProcess Start(string workingDirectory, params string[] arguments) => new(workingDirectory, arguments);

    /// <summary>Runs a command to its end and returns its output; fails the test when it fails or outlives the token.</summary>
    public static async Task<string> RunAsync(string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        try
        {
            await process._process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"'{process.Description}' did not finish in time. Its output:\n{process.Output}");
        }

        Assert.True(process._process.ExitCode == 0, $"'{process.Description}' failed with exit code {process._process.ExitCode}. Its output:\n{process.Output}");
        return process.Output;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }

        _process.Dispose();
    }

    // The dotnet host that runs the tests: the SDK names it in DOTNET_HOST_PATH; the test host itself runs in it.
    private static string HostPath()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet") return path;
        return "dotnet";
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
