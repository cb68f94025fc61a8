using System.Diagnostics;

namespace PromptWatch.Cli.Tests;

/// <summary>
/// The scan-only <c>promptwatch</c> (<c>PromptWatch.Cli.Scan</c>, which Native AOT compiles when published) answers a
/// <c>scan</c> command line with the same bytes, on standard output and standard error, and the same exit code as the
/// full command line. Both run as processes on the generated demo repository.
/// </summary>
public sealed class ScanOnlyBuildTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    private const string Repository = "{repository}";

    public static TheoryData<string[]> CommandLines() => new()
    {
        new[] { "scan", Repository, "--json" },
        new[] { "scan", Repository },
        new[] { "scan", Repository + "/chart", "--branch", "main", "--json" },
        new[] { "scan", Repository, "--file", "chart/values-*.yaml=*", "--json" },
        new[] { "scan", Repository, "--file", "chart/values-prod.yaml=prod" },
        new[] { "scan", Repository, "--file", "chart/missing.yaml=prod" },
        new[] { "scan", Repository, "--branch", "no-such-branch" },
        new[] { "scan", Repository + "/no-such-folder" },
        new[] { "scan", "--help" },
    };

    [Theory]
    [MemberData(nameof(CommandLines))]
    public async Task Scan_only_answers_as_the_full_command_line(string[] commandLine)
    {
        var args = commandLine.Select(a => a.Replace(Repository, demo.Path, StringComparison.Ordinal)).ToArray();

        var full = await RunAsync(CliBuildOutput.Dll(), args);
        var scanOnly = await RunAsync(ScanOnlyBuildOutput.Dll(), args);

        Assert.Equal(full.ExitCode, scanOnly.ExitCode);
        Assert.Equal(full.Error, scanOnly.Error);
        Assert.Equal(full.Output, scanOnly.Output);
        Assert.True(full.Output.Length > 0 || full.Error.Length > 0, "the command line should have answered something");
    }

    private static async Task<(int ExitCode, byte[] Output, string Error)> RunAsync(string dll, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in args) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment.Remove("COLUMNS");
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copied = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        await copied;
        return (process.ExitCode, output.ToArray(), await error);
    }
}
