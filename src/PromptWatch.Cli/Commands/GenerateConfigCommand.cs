using System.CommandLine;
using System.Globalization;
using PromptWatch.Alerting;
using PromptWatch.Cli.Generation;

namespace PromptWatch.Cli.Commands;

/// <summary>
/// <c>promptwatch generate-config --output &lt;dir&gt;</c>: Prometheus configuration and alerting rules (from the
/// engine's metric rules and the operations set), Alertmanager configuration, a Grafana dashboard with its provisioning
/// and a docker-compose file for the three. Existing files are kept unless <c>--force</c>.
/// </summary>
internal static class GenerateConfigCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Option<string>("--output", "-o") { Description = "The folder to write the files to.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite files that exist." };
        var url = new Option<string>("--url") { Description = "The PromptWatch host Prometheus scrapes.", DefaultValueFactory = _ => "http://host.docker.internal:8080" };
        var rules = new Option<string?>("--rules") { Description = "A JSON array of rules (the API's shape) to translate besides the default rules." };
        var interval = new Option<int>("--interval") { Description = "Scrape and evaluation interval in seconds (the engine's evaluation interval).", DefaultValueFactory = _ => 15 };
        var alertmanager = new Option<string>("--alertmanager") { Description = "The Alertmanager Prometheus sends to (host:port).", DefaultValueFactory = _ => "alertmanager:9093" };
        var grafana = new Option<string>("--grafana-url") { Description = "The Grafana address the alerts' dashboard link points at.", DefaultValueFactory = _ => "http://localhost:3000/" };
        var command = new Command("generate-config", "Write Prometheus, Alertmanager and Grafana configuration (with alerting rules from PromptWatch's metric rules) and a docker-compose file.")
        {
            folder, force, url, rules, interval, alertmanager, grafana,
        };
        command.SetAction((result, cancellationToken) => UserErrors.HandleAsync(error, async () =>
        {
            var settings = new GenerationSettings
            {
                Target = Target(result.GetValue(url)!, "--url"),
                GrafanaUrl = Target(result.GetValue(grafana)!, "--grafana-url"),
                Interval = Interval(result.GetValue(interval)),
                Alertmanager = Alertmanager(result.GetValue(alertmanager)!),
                Rules = await RulesAsync(result.GetValue(rules), cancellationToken),
            };
            var files = StackFiles.All(settings);
            var written = await MonitoringFolder.WriteAsync(result.GetValue(folder)!, files, result.GetValue(force), cancellationToken);
            await output.WriteAsync(GenerationReport.Render(written, settings));
            return 0;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<AlertRule>> RulesAsync(string? path, CancellationToken cancellationToken) =>
        path is null ? EngineRules.Defaults : EngineRules.With(await RulesFileReader.ReadAsync(path, cancellationToken));

    private static Uri Target(string value, string option)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new PromptWatchException(option + " must be an http or https address without user info, such as http://promptwatch:8080.");
        }

        return uri;
    }

    private static TimeSpan Interval(int seconds) => seconds is >= 1 and <= 3600
        ? TimeSpan.FromSeconds(seconds)
        : throw new PromptWatchException("--interval must be from 1 to 3600 seconds, not " + seconds.ToString(CultureInfo.InvariantCulture) + ".");

    private static string Alertmanager(string value) => Uri.TryCreate("http://" + value, UriKind.Absolute, out var uri) && uri.Authority.Length > 0 && uri.PathAndQuery == "/"
        ? value
        : throw new PromptWatchException("--alertmanager must be host:port, such as alertmanager:9093.");
}
