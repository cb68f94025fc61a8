using System.CommandLine;
using System.Text.Json;
using PromptWatch.Cli.Output;
using PromptWatch.Cli.Remote;
using Spectre.Console;

namespace PromptWatch.Cli.Commands;

/// <summary>
/// <c>promptwatch activity [--url] [--token]</c>: this week's GitHub activity counters of a running host
/// (<c>/api/monitor/dashboard</c>), each with its last 24 hours as a line of block characters.
/// </summary>
internal static class ActivityCommand
{
    private const string Path = "api/monitor/dashboard";

    public static Command Create(TextWriter output, TextWriter error, int? width)
    {
        var remote = new RemoteOptions();
        var command = new Command("activity", "Print a running host's weekly GitHub activity counters with a 24-hour trend per counter.");
        remote.AddTo(command);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            using var host = remote.CreateHost(result);
            var (answer, document) = await host.GetJsonAsync(Path, cancellationToken);
            using (document)
            {
                var root = document.RootElement;
                if (Json.Member(root, "counters") is not { ValueKind: JsonValueKind.Object } counters)
                {
                    throw new PromptWatchException($"{answer.Address.GetLeftPart(UriPartial.Path)} answered JSON without counters; is --url a PromptWatch host with GitHub activity mapped?");
                }

                if (result.GetValue(remote.Json))
                {
                    await output.WriteLineAsync(answer.Body);
                    return 0;
                }

                var console = Terminal.Create(output, width);
                console.WriteLine($"Week from {Json.String(root, "week_start") ?? "?"} ({TerminalText.Escape(Json.String(root, "time_zone") ?? "UTC")})");
                var trends = Json.Member(root, "trends");
                var table = Terminal.Table(output, "Counter", "This week", "Last 24 h", "Trend (hourly)");
                table.Columns[1].RightAligned();
                table.Columns[2].RightAligned();
                foreach (var counter in counters.EnumerateObject())
                {
                    var buckets = trends is { } t ? Json.Array(t, counter.Name).Select(static b => Json.Number(b, "count") ?? 0).ToArray() : [];
                    table.AddRow(
                        new Text(TerminalText.Escape(counter.Name)),
                        new Text(counter.Value.ValueKind == JsonValueKind.Number ? Format.Count(counter.Value.GetDouble()) : ""),
                        new Text(Format.Count(buckets.Sum())),
                        new Text(Sparkline.Render(buckets), new Style(Color.Aqua)));
                }

                console.Write(table);
                return 0;
            }
        }));
        return command;
    }
}
