using System.CommandLine;
using System.Text;
using PromptWatch.Cli.Remote;

namespace PromptWatch.Cli.Commands;

/// <summary>
/// <c>promptwatch metrics [--url] --format prometheus|json [--output &lt;file&gt;]</c>: a running host's metrics, as
/// Prometheus scrapes them (<c>/metrics</c>) or as the in-process snapshot (<c>/metrics/json</c>).
/// </summary>
internal static class MetricsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var remote = new RemoteOptions();
        var format = new Option<string>("--format") { Description = "prometheus (the text exposition format of /metrics) or json (/metrics/json).", DefaultValueFactory = static _ => "prometheus" };
        format.AcceptOnlyFromAmong("prometheus", "json");
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Write the metrics to this file instead of standard output." };
        var command = new Command("metrics", "Print a running host's metrics in the Prometheus text format or as JSON.");
        command.Options.Add(remote.Url);
        command.Options.Add(remote.Token);
        command.Options.Add(remote.Json);
        command.Options.Add(format);
        command.Options.Add(file);
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            using var host = remote.CreateHost(result);
            var json = result.GetValue(remote.Json) || result.GetValue(format) == "json";
            string body;
            if (json)
            {
                var (answer, document) = await host.GetJsonAsync("metrics/json", cancellationToken);
                document.Dispose();
                body = answer.Body;
            }
            else
            {
                var answer = await host.GetAsync("metrics", cancellationToken);
                if (!answer.IsSuccess) throw answer.Failure();
                if (answer.MediaType is not ("text/plain" or "application/openmetrics-text"))
                {
                    throw new PromptWatchException($"{answer.Address.GetLeftPart(UriPartial.Path)} answered {answer.MediaType ?? "without a media type"}, not the Prometheus text format; is --url a PromptWatch host with its Prometheus endpoint mapped?");
                }

                body = answer.Body;
            }

            if (result.GetValue(file) is { } target)
            {
                try
                {
                    await File.WriteAllTextAsync(target.FullName, body, new UTF8Encoding(false), cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new PromptWatchException($"Cannot write {target.FullName}: {e.Message}");
                }

                await error.WriteLineAsync($"Wrote {Encoding.UTF8.GetByteCount(body)} bytes of {(json ? "JSON" : "Prometheus")} metrics to {target.FullName}.");
            }
            else
            {
                await output.WriteAsync(body);
                if (!body.EndsWith('\n')) await output.WriteLineAsync();
            }

            return 0;
        }));
        return command;
    }
}
