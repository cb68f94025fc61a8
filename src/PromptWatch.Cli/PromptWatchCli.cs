using System.CommandLine;
using PromptWatch.Cli.Commands;

namespace PromptWatch.Cli;

/// <summary>The <c>promptwatch</c> command line.</summary>
internal static class PromptWatchCli
{
    /// <summary>Exit code of a user error: a clear one-line message, no stack trace.</summary>
    public const int UserError = 1;

    /// <summary>Runs the command line with the given output streams.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Shows every change to LLM model and prompt settings kept in Git, per use case and environment.")
        {
            ScanCommand.Create(output, error),
            HistoryCommand.Create(output, error),
            DemoCommand.Create(output, error),
        };
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
