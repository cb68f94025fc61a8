using System.Diagnostics;

namespace PromptWatch.Benchmarks;

/// <summary>Runs <c>git</c> and returns its standard output.</summary>
internal static class GitProcess
{
    public static string Run(string repository, params string[] args)
    {
        using var process = Start(repository, redirectInput: false, args);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)} exited with {process.ExitCode}");
    }

    public static Process Start(string repository, bool redirectInput, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(repository);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}
