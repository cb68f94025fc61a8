namespace PromptWatch.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunWithWidthAsync(null, args);

    /// <summary>Runs it as on a terminal <paramref name="width"/> characters wide.</summary>
    public static async Task<CliResult> RunWithWidthAsync(int? width, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PromptWatchCli.RunAsync(args, output, error, width, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
