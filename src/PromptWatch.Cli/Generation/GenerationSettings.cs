using PromptWatch.Alerting;

namespace PromptWatch.Cli.Generation;

/// <summary>What <c>generate-config</c> writes: the host to scrape, the engine's rules and the stack's addresses.</summary>
internal sealed record GenerationSettings
{
    /// <summary>The PromptWatch host Prometheus scrapes (its scheme, authority and base path).</summary>
    public required Uri Target { get; init; }

    /// <summary>The host's Prometheus scrape path.</summary>
    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>How often Prometheus scrapes and evaluates (also the engine interval the consecutive breaches are counted at).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The Alertmanager Prometheus sends alerts to (host:port).</summary>
    public string Alertmanager { get; init; } = "alertmanager:9093";

    /// <summary>The Grafana address the alerts' dashboard link points at.</summary>
    public Uri GrafanaUrl { get; init; } = new("http://localhost:3000/");

    /// <summary>The metric rules translated (the engine's defaults and the file's), in order.</summary>
    public required IReadOnlyList<AlertRule> Rules { get; init; }

    /// <summary>The scrape job's name (the <c>job</c> label).</summary>
    public const string Job = "promptwatch";

    /// <summary>The dashboard's uid, in its address.</summary>
    public const string DashboardUid = "promptwatch";

    /// <summary>The dashboard's address in Grafana.</summary>
    public Uri DashboardUrl => new(new Uri(GrafanaUrl.AbsoluteUri.TrimEnd('/') + "/"), "d/" + DashboardUid);
}
