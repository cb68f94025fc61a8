using System.Diagnostics;
using System.Text;
using LibGit2Sharp;
using PromptWatch.Cli.Output;
using PromptWatch.Model;
using PromptWatch.Scanning;

namespace PromptWatch.Cli.Tests;

/// <summary>
/// <c>scan --json</c> to the process's standard output writes the JSON's bytes straight to the stream; to any other
/// writer it writes text. Both must answer the same bytes.
/// </summary>
public sealed class StandardOutputJsonTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    [Fact]
    public async Task The_stream_and_the_text_writer_give_the_same_bytes()
    {
        using var repository = new Repository(demo.Path);
        var scan = new HistoryScanner().Scan(repository, new ScanTarget(repository.Head.FriendlyName, WatchedFile.Defaults));
        using var text = new StringWriter();
        await TimelineJson.WriteAsync(text, scan.Timeline, CancellationToken.None);
        using var bytes = new MemoryStream();
        await TimelineJson.WriteAsync(bytes, scan.Timeline, text.NewLine, CancellationToken.None);

        Assert.True(bytes.Length > 3 * 64 * 1024, $"the timeline ({bytes.Length:N0} bytes) should take several chunks");
        Assert.Equal(Encoding.UTF8.GetBytes(text.ToString()), bytes.ToArray());
    }

    [Fact]
    public async Task Scan_json_as_a_process_prints_what_the_command_writes_to_a_text_writer()
    {
        var expected = await CliRunner.RunAsync("scan", demo.Path, "--json");
        Assert.Equal(0, expected.ExitCode);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { CliBuildOutput.Dll(), "scan", demo.Path, "--json" }) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C.UTF-8";
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
        Assert.Equal("", await error);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(Encoding.UTF8.GetBytes(expected.Output), output.ToArray());
    }
}
