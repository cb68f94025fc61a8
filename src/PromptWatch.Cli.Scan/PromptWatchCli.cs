using System.CommandLine;
using System.CommandLine.Help;
using PromptWatch.Cli.Commands;

namespace PromptWatch.Cli;

/// <summary>The <c>promptwatch</c> command line of the scan-only build: <c>scan</c>, compiled ahead of time.</summary>
internal static class PromptWatchCli
{
    /// <summary>Exit code of a user error: a clear one-line message, no stack trace.</summary>
    public const int UserError = 1;

    /// <summary>The command's name in usage and help.</summary>
    public const string CommandName = "promptwatch";

    /// <summary>Runs the command line with the given output streams; tables at most <paramref name="width"/> characters wide.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, int? width, CancellationToken cancellationToken = default)
    {
        var root = new Command(CommandName, "Shows every change to LLM model and prompt settings kept in Git, per use case and environment.")
        {
            ScanCommand.Create(output, error, width),
            new HelpOption(),
            new VersionOption(),
        };
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
