using System.CommandLine;
using PromptWatch.Cli.Output;

namespace PromptWatch.Cli.Commands;

/// <summary><c>promptwatch scan &lt;path-or-url&gt;</c>: the timeline, newest first, as a table at most <c>width</c> characters wide.</summary>
internal static class ScanCommand
{
    public static Command Create(TextWriter output, TextWriter error, int? width)
    {
        var common = new CommonOptions();
        var command = new Command("scan", "Print every change of the watched files' use cases, newest first.");
        common.AddTo(command);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            var (scan, _) = await ScanSession.RunAsync(common.SourceOptions(result), common.WatchedFiles(result), error, cancellationToken);
            if (result.GetValue(common.Json)) await DiffLookahead.WriteAsync(scan.Entries, timeline => TimelineJson.WriteAsync(output, timeline, cancellationToken));
            else if (scan.Entries.IsEmpty) await output.WriteAsync(NoChangesText.Render(scan));
            else await output.WriteAsync(TimelineTable.Render(scan.Timeline, width));
            return 0;
        }));
        return command;
    }
}
