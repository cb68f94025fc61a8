using System.Diagnostics;

namespace PromptWatch.Cli.Tests.Generation;

/// <summary>Runs Prometheus' <c>promtool</c> and Alertmanager's <c>amtool</c> (Debian packages <c>prometheus</c>, <c>prometheus-alertmanager</c>).</summary>
internal static class PrometheusTools
{
    public static Task<(int ExitCode, string Output)> PromtoolAsync(string workingDirectory, params string[] args) => RunAsync("promtool", workingDirectory, args);

    public static Task<(int ExitCode, string Output)> AmtoolAsync(string workingDirectory, params string[] args) => RunAsync("amtool", workingDirectory, args);

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
