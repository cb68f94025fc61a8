using System.CommandLine;
using System.Net;
using System.Text.Json;
using PromptWatch.Cli.Hosting;
using PromptWatch.Cli.Output;
using PromptWatch.Cli.Remote;
using Spectre.Console;

namespace PromptWatch.Cli.Commands;

/// <summary>
/// <c>promptwatch health [--url] [--detailed] [--json]</c>: a running host's health from <c>/health</c> (or each
/// check from <c>/health/detailed</c>); <c>promptwatch health --config &lt;file&gt;</c>: the server composition's checks
/// run once in this process (<see cref="LocalHealth"/>), with a line per check that is not Healthy. Exit code 0
/// Healthy, 1 Degraded, 2 Unhealthy or not readable.
/// </summary>
internal static class HealthCommand
{
    public const int Healthy = 0;
    public const int Degraded = 1;
    public const int Unhealthy = 2;

    public static Command Create(TextWriter output, TextWriter error, int? width)
    {
        var remote = new RemoteOptions();
        var detailed = new Option<bool>("--detailed") { Description = "Show every check (status, duration, description) from /health/detailed." };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "Run the checks here, once, on the settings `promptwatch server --config <file>` would run with, instead of reading a running host." };
        var command = new Command("health", "Print a running host's health (or, with --config, run its checks here); exit code 0 healthy, 1 degraded, 2 unhealthy or unreachable.");
        remote.AddTo(command);
        command.Options.Add(detailed);
        command.Options.Add(config);
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                if (result.GetValue(config) is { } file)
                {
                    if (!string.IsNullOrWhiteSpace(result.GetValue(remote.Url))) throw new PromptWatchException("--url reads a running host and --config runs the checks here: give one of them.");
                    return await LocalAsync(file, output, width, result.GetValue(detailed), result.GetValue(remote.Json), cancellationToken);
                }

                using var host = remote.CreateHost(result);
                return result.GetValue(detailed) || result.GetValue(remote.Json)
                    ? await DetailedAsync(host, output, width, result.GetValue(remote.Json), cancellationToken)
                    : await OverallAsync(host, output, cancellationToken);
            }
            catch (PromptWatchException e)
            {
                await error.WriteLineAsync("promptwatch: " + TerminalText.Escape(e.Message));
                return Unhealthy;
            }
        });
        return command;
    }

    private static async Task<int> OverallAsync(RemoteHost host, TextWriter output, CancellationToken cancellationToken)
    {
        var answer = await host.GetAsync("health", cancellationToken);
        if (!answer.IsSuccess && answer.Status != HttpStatusCode.ServiceUnavailable) throw answer.Failure();
        var status = answer.Body.Trim();
        var code = ExitCode(status) ?? throw new PromptWatchException($"{answer.Address.GetLeftPart(UriPartial.Path)} answered '{Shorten(status)}', not Healthy, Degraded or Unhealthy; is --url a PromptWatch host?");
        await output.WriteLineAsync($"{status} ({host.BaseAddress.GetLeftPart(UriPartial.Authority)})");
        return code;
    }

    private static async Task<int> LocalAsync(FileInfo config, TextWriter output, int? width, bool detailed, bool json, CancellationToken cancellationToken)
    {
        var body = await LocalHealth.RunAsync(config, cancellationToken);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var status = Json.String(root, "status") ?? "";
        var code = ExitCode(status) ?? Unhealthy;
        if (json)
        {
            await output.WriteLineAsync(body);
            return code;
        }

        if (detailed)
        {
            WriteTable(output, width, root, $"{status} ({config.Name})");
            return code;
        }

        await output.WriteLineAsync($"{status} ({config.Name})");
        foreach (var check in Json.Array(root, "checks"))
        {
            var checkStatus = Json.String(check, "status") ?? "";
            if (checkStatus == "Healthy") continue;
            await output.WriteLineAsync($"  {TerminalText.Escape(Json.String(check, "name") ?? "")}: {checkStatus}: {TerminalText.Escape(Json.String(check, "description") ?? "")}");
        }

        return code;
    }

    private static async Task<int> DetailedAsync(RemoteHost host, TextWriter output, int? width, bool json, CancellationToken cancellationToken)
    {
        var (answer, document) = await host.GetJsonAsync("health/detailed", cancellationToken, HttpStatusCode.ServiceUnavailable);
        using (document)
        {
            var root = document.RootElement;
            var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            var code = ExitCode(status) ?? throw new PromptWatchException($"{answer.Address.GetLeftPart(UriPartial.Path)} answered JSON without a health status; is --url a PromptWatch host?");
            if (json)
            {
                await output.WriteLineAsync(answer.Body);
                return code;
            }

            WriteTable(output, width, root, $"{status} ({host.BaseAddress.GetLeftPart(UriPartial.Authority)})");
            return code;
        }
    }

    private static void WriteTable(TextWriter output, int? width, JsonElement root, string heading)
    {
        var console = Terminal.Create(output, width);
        console.WriteLine(heading);
        var table = Terminal.Table(output, "Check", "Status", "Duration", "Description");
        table.Columns[2].RightAligned();
        if (root.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Array)
        {
            foreach (var check in checks.EnumerateArray())
            {
                var checkStatus = Json.String(check, "status") ?? "";
                table.AddRow(
                    new Text(TerminalText.Escape(Json.String(check, "name") ?? "")),
                    new Text(checkStatus, StatusStyle(checkStatus)),
                    new Text(Json.Number(check, "duration_ms") is { } ms ? Format.Milliseconds(ms) : ""),
                    new Text(TerminalText.Escape(Json.String(check, "description") ?? "")));
            }
        }

        console.Write(table);
    }

    private static int? ExitCode(string status) => status switch
    {
        "Healthy" => Healthy,
        "Degraded" => Degraded,
        "Unhealthy" => Unhealthy,
        _ => null,
    };

    private static Style StatusStyle(string status) => status switch
    {
        "Healthy" => new Style(Color.Green),
        "Degraded" => new Style(Color.Yellow),
        _ => new Style(Color.Red),
    };

    private static string Shorten(string text) => TerminalText.Escape(text.Length > 60 ? text[..60] + "…" : text);
}
