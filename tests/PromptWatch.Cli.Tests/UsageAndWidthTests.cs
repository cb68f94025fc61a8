using PromptWatch.Cli.Output;

namespace PromptWatch.Cli.Tests;

/// <summary>Help names the installed tool; the table fits the terminal's width or <c>COLUMNS</c>.</summary>
public sealed class UsageAndWidthTests(DemoRepositoryFixture demo) : IClassFixture<DemoRepositoryFixture>
{
    [Fact]
    public async Task Usage_names_promptwatch()
    {
        var root = await CliRunner.RunAsync("--help");
        var scan = await CliRunner.RunAsync("scan", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Contains("Usage:\n  promptwatch [command] [options]", root.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Usage:\n  promptwatch scan <path-or-url> [options]", scan.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("PromptWatch.Cli", root.Output + scan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("testhost", root.Output + scan.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(120)]
    [InlineData(80)]
    [InlineData(40)]
    public async Task The_table_fits_the_width(int width)
    {
        var result = await CliRunner.RunWithWidthAsync(width, "scan", demo.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(75, lines.Length);
        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.Contains("USE CASE", lines[0], StringComparison.Ordinal);
        if (width >= 80)
        {
            Assert.StartsWith("DATE", lines[0], StringComparison.Ordinal);
            // The commit and the change stay; the message goes first.
            Assert.Contains("COMMIT", lines[0], StringComparison.Ordinal);
            Assert.Contains("top_k 50→40", lines[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_width_the_table_keeps_every_column()
    {
        var result = await CliRunner.RunAsync("scan", demo.Path);

        var header = result.Output.Split('\n')[0];
        Assert.Equal(["DATE", "ENV", "USE CASE", "KIND", "MODEL", "CHANGED", "COMMIT", "AUTHOR", "MESSAGE"], header.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(result.Output.Split('\n'), line => line.Length > 120);
    }

    [Theory]
    [InlineData("100", true, 80, 100)]
    [InlineData("100", false, 80, 100)]
    [InlineData(null, false, 132, 132)]
    [InlineData("", false, 132, 132)]
    [InlineData("wide", false, 132, 132)]
    [InlineData("0", false, 132, 132)]
    [InlineData(null, true, 132, null)]
    [InlineData(null, false, 0, null)]
    public void COLUMNS_comes_first_then_the_terminal_and_a_pipe_has_no_limit(string? columns, bool redirected, int window, int? expected)
    {
        Assert.Equal(expected, TerminalWidth.Resolve(columns, redirected, () => window));
    }
}
