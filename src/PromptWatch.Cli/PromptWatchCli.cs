using System.CommandLine;
using System.CommandLine.Help;
using PromptWatch.Cli.Commands;

namespace PromptWatch.Cli;

/// <summary>The <c>promptwatch</c> command line.</summary>
internal static class PromptWatchCli
{
    /// <summary>Exit code of a user error: a clear one-line message, no stack trace.</summary>
    public const int UserError = 1;

    /// <summary>The command's name in usage and help: the name the tool is installed as.</summary>
    public const string CommandName = "promptwatch";

    /// <summary>Runs the command line with the given output streams; tables as wide as they need.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, width: null, cancellationToken);

    /// <summary>Runs the command line with the given output streams; tables at most <paramref name="width"/> characters wide.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, int? width, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, width, TimeProvider.System, cancellationToken);

    /// <summary>Runs the command line with the given output streams and clock (<c>check</c> measures the grace period with it).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, int? width, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        // Named as the installed tool is, not after the executable running it (PromptWatch.Cli under dotnet run).
        var root = new Command(CommandName, "Shows every change to LLM model and prompt settings kept in Git, per use case and environment.")
        {
            ScanCommand.Create(output, error, width),
            HistoryCommand.Create(output, error),
            DriftCommand.Create(output, error),
            CompareCommand.Create(output, error),
            DemoCommand.Create(output, error),
            GenerateConfigCommand.Create(output, error),
            ServerCommand.Create(error),
            CheckCommand.Create(output, error, width, timeProvider),
            HealthCommand.Create(output, error, width),
            MetricsCommand.Create(output, error),
            PerformanceCommand.Create(output, error, width),
            ActivityCommand.Create(output, error, width),
            new HelpOption(),
            new VersionOption(),
        };
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
