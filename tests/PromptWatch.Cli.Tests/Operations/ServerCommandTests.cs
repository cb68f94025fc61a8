using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PromptWatch.Cli.Tests.Operations;

/// <summary><c>promptwatch server</c> as a process: it starts the full application, which answers <c>/health</c>.</summary>
public sealed partial class ServerCommandTests
{
    [Fact]
    public async Task Server_starts_the_application_and_answers_health()
    {
        using var data = new TempFolder();
        var cli = CliBuildOutput.Dll();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data.Path };
        foreach (var argument in new[] { cli, "server", "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(argument);
        start.Environment["Sample__DataDirectory"] = data.Combine("data");
        start.Environment["PromptWatch__Health__Resources__HealthChecks__Enabled"] = "false";
        using var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Listening().Match(line) is { Success: true } match) listening.TrySetResult(match.Groups["url"].Value);
        };
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) errors.Enqueue(line);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
            Assert.True(first == listening.Task, $"the server did not report its address within 90 s (exited: {process.HasExited}); errors: {string.Join(" | ", errors)}");
            var url = await listening.Task;
            var health = await OperationsCommandTests.EventuallyAsync(() => CliRunner.RunAsync("health", "--url", url), static r => r.ExitCode == 0);
            Assert.StartsWith("Healthy", health.Output, StringComparison.Ordinal);
            using var client = new HttpClient();
            Assert.Equal("Healthy", await client.GetStringAsync(url + "/health"));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_missing_configuration_file_is_one_line_and_exit_code_1()
    {
        using var folder = new TempFolder();
        var result = await CliRunner.RunAsync("server", "--config", folder.Combine("missing.json"));
        Assert.Equal(PromptWatchCli.UserError, result.ExitCode);
        Assert.Equal($"promptwatch: --config {folder.Combine("missing.json")}: no such file.{Environment.NewLine}", result.Error);
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
