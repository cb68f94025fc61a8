using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PromptWatch.Model;

namespace PromptWatch.Benchmarks;

/// <summary>
/// A measured scenario rather than a BenchmarkDotNet job (each operation is a whole process): <c>--startup [commits]
/// [rounds]</c>, by default the 10,000-commit history and 10 rounds. It publishes the command line twice (the scan-only
/// <c>promptwatch</c> of <c>PromptWatch.Cli.Scan</c>, compiled by Native AOT; and the full <c>PromptWatch.Cli</c> as shipped,
/// ReadyToRun without tiered compilation) unless <c>PROMPTWATCH_CLI</c> names a published executable to measure alone,
/// then starts, round after round and in turn, <c>scan --json</c>, <c>scan</c>
/// (the table) and <c>--help</c> of each, beside the native floor the scan is compared with (the shell pipeline
/// <c>git log --raw --no-abbrev -- &lt;files&gt; | awk | sort -u | git cat-file --batch</c>) and <c>git --help</c>.
/// Every command runs under <c>/bin/sh -c</c> with its output to <c>/dev/null</c>, so each pays the same shell and
/// none pays for a reader. It prints the median and the fastest run of each, the median CPU time (user and system, of
/// the shell and everything it started) and the ratios of medians to the floor.
/// </summary>
internal static class CliStartup
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    public static int Run(int commits, int rounds)
    {
        var repository = SyntheticHistory.Ensure(commits);
        var clis = Environment.GetEnvironmentVariable("PROMPTWATCH_CLI") is { Length: > 0 } given
            ? [("given", given)]
            : new List<(string Name, string Path)> { ("Native AOT (scan only)", PublishScanOnly()), ("ReadyToRun (full)", Publish()) };

        var files = string.Join(' ', WatchedFile.Defaults.Select(static f => Quote(f.Path)));
        var git = $"git -C {Quote(repository)}";
        var commands = new List<(string Name, string Floor, string Shell)>
        {
            ("native floor: git log --raw | awk | sort -u | git cat-file --batch", "", $"{git} log --raw --no-abbrev '--format=%H %ct %an <%ae>' base -- {files} | awk '/^:/ && $4 !~ /^0+$/ {{ print $4 }}' | sort -u | {git} cat-file --batch > /dev/null"),
            ("native floor: git --help", "", "git --help > /dev/null"),
        };
        foreach (var (name, path) in clis)
        {
            var cli = Quote(path);
            commands.Add(($"{name}: promptwatch scan --json", commands[0].Name, $"{cli} scan {Quote(repository)} --branch base --json > /dev/null"));
            commands.Add(($"{name}: promptwatch scan (table)", commands[0].Name, $"{cli} scan {Quote(repository)} --branch base > /dev/null"));
            commands.Add(($"{name}: promptwatch --help", commands[1].Name, $"{cli} --help > /dev/null"));
        }

        Console.WriteLine($"// {commits:N0} commits, {rounds} rounds, load average at start: {RunStatistics.LoadAverage()}");
        foreach (var command in commands) Time(command.Shell); // once each, so that every file is in the page cache
        var times = commands.ToDictionary(static c => c.Name, static _ => new List<double>());
        var cpu = commands.ToDictionary(static c => c.Name, static _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            // A different command first in every round, so that none is always measured right after the same one.
            for (var i = 0; i < commands.Count; i++)
            {
                var command = commands[(i + round) % commands.Count];
                var (wall, processor) = Time(command.Shell);
                times[command.Name].Add(wall);
                cpu[command.Name].Add(processor);
            }
        }

        Console.WriteLine($"// load average at end: {RunStatistics.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Command | Median | Fastest | CPU, median | Ratio of medians to its floor | Ratio of CPU medians to its floor |");
        Console.WriteLine("|---------|-------:|--------:|------------:|------------------------------:|----------------------------------:|");
        foreach (var (name, floor, _) in commands)
        {
            var median = RunStatistics.Median(times[name]);
            var cpuMedian = RunStatistics.Median(cpu[name]);
            var ratio = floor.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{median / RunStatistics.Median(times[floor]):F2}x");
            var cpuRatio = floor.Length == 0 || !ChildCpuTime.IsSupported ? "" : string.Create(CultureInfo.InvariantCulture, $"{cpuMedian / RunStatistics.Median(cpu[floor]):F2}x");
            var cpuText = ChildCpuTime.IsSupported ? string.Create(CultureInfo.InvariantCulture, $"{cpuMedian:F0} ms") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {median:F0} ms | {times[name].Min():F0} ms | {cpuText} | {ratio} | {cpuRatio} |"));
        }

        return 0;
    }

    /// <summary>Publishes the full command line for this machine's runtime as shipped (ReadyToRun) and returns its executable.</summary>
    private static string Publish() => Publish("PromptWatch.Cli", "readytorun", "PromptWatch.Cli");

    /// <summary>Publishes the scan-only command line for this machine's runtime (Native AOT) and returns its executable.</summary>
    private static string PublishScanOnly() => Publish("PromptWatch.Cli.Scan", "aot", "promptwatch");

    /// <summary>Publishes a project as README tells users to, with no property overridden, and returns its executable.</summary>
    private static string Publish(string project, string folder, string executable)
    {
        var output = Path.Combine(SolutionRoot.Path, "artifacts", "startup", folder);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = SolutionRoot.Path };
        foreach (var arg in new[]
        {
            "publish", Path.Combine("src", project), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "-o", output, "-nologo", "-v", "quiet",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        if (!process.WaitForExit(TimeSpan.FromMinutes(15))) throw new TimeoutException($"dotnet publish of {project} took over 15 minutes.");
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish of {project} exited with {process.ExitCode}.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// dotnet publish of {project}: {watch.Elapsed.TotalSeconds:F0} s"));
        return Path.Combine(output, executable);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The wall clock and the CPU time of one command, in milliseconds.</summary>
    private static (double Wall, double Cpu) Time(string shell)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -e; " + shell);
        var cpu = ChildCpuTime.IsSupported ? ChildCpuTime.TotalMilliseconds() : 0;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        if (!process.WaitForExit(Bound)) throw new TimeoutException($"{shell} took over {Bound.TotalMinutes} minutes.");
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var used = ChildCpuTime.IsSupported ? ChildCpuTime.TotalMilliseconds() - cpu : 0;
        return process.ExitCode == 0 ? (elapsed, used) : throw new InvalidOperationException($"{shell} exited with {process.ExitCode}.");
    }
}
