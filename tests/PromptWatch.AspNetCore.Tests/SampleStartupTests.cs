using System.Diagnostics;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample web host run as people run it, a process: a bad setting ends it with one message naming the setting on
/// standard error and exit code 1, without a stack trace.
/// </summary>
public sealed class SampleStartupTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task A_flat_value_that_cannot_be_read_is_one_message_and_exit_code_1()
    {
        var run = await RunSampleAsync(new() { ["MONITOR_INTERVAL"] = "soon" });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("PromptWatch cannot start: MONITOR_INTERVAL must be a whole number of seconds, not 'soon'.", run.Error.Trim());
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task A_failed_options_validation_is_one_message_naming_the_setting_and_exit_code_1()
    {
        var run = await RunSampleAsync(new() { ["PromptWatch__PollInterval"] = "00:00:00.5" });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("PromptWatch cannot start: PromptWatch:PollInterval must be at least one second (it is 00:00:00.5000000).", run.Error.Trim());
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task Watched_files_without_a_repository_url_are_named()
    {
        var run = await RunSampleAsync(new() { ["GIT_WATCHED_FILES"] = "chart/values.yaml=base" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("GIT_WATCHED_FILES is set without GIT_REPO_URL", run.Error, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertNoStackTrace(SampleRun run)
    {
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs the built sample with <paramref name="environment"/> added to a clean set of PromptWatch and flat names.</summary>
    private async Task<SampleRun> RunSampleAsync(Dictionary<string, string> environment)
    {
        var sample = Path.Combine(RepositoryRoot.Path, "samples", "PromptWatch.Sample.WebHost", "bin", Configuration(), "net10.0", "PromptWatch.Sample.WebHost.dll");
        Assert.True(File.Exists(sample), sample + " was not built.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(sample);
        foreach (var name in start.Environment.Keys.Where(static k => k.StartsWith("PromptWatch", StringComparison.OrdinalIgnoreCase) || k.StartsWith("GIT_", StringComparison.Ordinal)
            || k.StartsWith("S3_", StringComparison.Ordinal) || k.StartsWith("REDIS_", StringComparison.Ordinal) || k is "MONITOR_INTERVAL" or "GITHUB_WEBHOOK_SECRET" or "JWT_SECRET_KEY").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["Sample__DataDirectory"] = Path.Combine(_folder.Path, "data");
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new SampleRun(process.ExitCode, await output, await error);
    }

    /// <summary>The build configuration of this test assembly (its folder is <c>bin/&lt;configuration&gt;/&lt;framework&gt;</c>).</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private sealed record SampleRun(int ExitCode, string Output, string Error);
}
