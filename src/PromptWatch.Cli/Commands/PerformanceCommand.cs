using System.CommandLine;
using System.Globalization;
using PromptWatch.Cli.Output;
using PromptWatch.Cli.Remote;
using Spectre.Console;

namespace PromptWatch.Cli.Commands;

/// <summary>
/// <c>promptwatch performance [--url] [--operation &lt;name&gt;] [--hours 24]</c>: the performance monitor's table from
/// <c>/api/performance</c> (count, success rate, p50, p95, p99, baseline), slowest p95 first.
/// </summary>
internal static class PerformanceCommand
{
    public static Command Create(TextWriter output, TextWriter error, int? width)
    {
        var remote = new RemoteOptions();
        var operation = new Option<string?>("--operation") { Description = "Only this operation (scan, fetch, refresh, health_check:<name>...)." };
        var hours = new Option<int>("--hours") { Description = "The window, 1 to 24 hours.", DefaultValueFactory = static _ => 1 };
        var command = new Command("performance", "Print the performance monitor's operations of a running host: count, success rate, percentiles and baseline.");
        remote.AddTo(command);
        command.Options.Add(operation);
        command.Options.Add(hours);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            var window = result.GetValue(hours);
            if (window is < 1 or > 24) throw new PromptWatchException($"--hours must be from 1 to 24 (got {window}).");
            var query = "api/performance?hours=" + window.ToString(CultureInfo.InvariantCulture);
            if (result.GetValue(operation) is { Length: > 0 } name) query += "&operation=" + Uri.EscapeDataString(name);
            using var host = remote.CreateHost(result);
            var (answer, document) = await host.GetJsonAsync(query, cancellationToken);
            using (document)
            {
                if (Json.Member(document.RootElement, "operations") is not { ValueKind: System.Text.Json.JsonValueKind.Array } operations)
                {
                    throw new PromptWatchException($"{answer.Address.GetLeftPart(UriPartial.Path)} answered JSON without an operations list; is --url a PromptWatch host?");
                }

                if (result.GetValue(remote.Json))
                {
                    await output.WriteLineAsync(answer.Body);
                    return 0;
                }

                var console = Terminal.Create(output, width);
                if (operations.GetArrayLength() == 0)
                {
                    console.WriteLine($"No operation ended in the last {window} h{(result.GetValue(operation) is { Length: > 0 } only ? " named " + TerminalText.Escape(only) : "")}.");
                    return 0;
                }

                var table = Terminal.Table(output, "Operation", "Count", "Success", "p50", "p95", "p99", "Baseline p95", "Last hour p95");
                for (var i = 1; i < table.Columns.Count; i++) table.Columns[i].RightAligned();
                foreach (var entry in operations.EnumerateArray())
                {
                    var slower = Json.Member(entry, "slower_than_baseline") is { ValueKind: System.Text.Json.JsonValueKind.True };
                    var baseline = Json.Number(entry, "baseline_p95_ms") is { } b ? $"{Format.Milliseconds(b)} ({Json.String(entry, "baseline_source")})" : "learning";
                    table.AddRow(
                        new Text(TerminalText.Escape(Json.String(entry, "operation") ?? "")),
                        new Text(Format.Count(Json.Number(entry, "count") ?? 0)),
                        new Text(Json.Number(entry, "success_rate") is { } rate ? Format.Percent(rate) : ""),
                        new Text(Milliseconds(entry, "p50_ms")),
                        new Text(Milliseconds(entry, "p95_ms")),
                        new Text(Milliseconds(entry, "p99_ms")),
                        new Text(baseline),
                        new Text(Milliseconds(entry, "last_hour_p95_ms") + (slower ? " slower" : ""), slower ? new Style(Color.Red) : Style.Plain));
                }

                console.Write(table);
                return 0;
            }
        }));
        return command;
    }

    private static string Milliseconds(System.Text.Json.JsonElement entry, string name) => Json.Number(entry, name) is { } ms ? Format.Milliseconds(ms) : "";
}
