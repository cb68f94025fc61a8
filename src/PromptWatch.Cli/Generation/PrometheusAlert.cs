namespace PromptWatch.Cli.Generation;

/// <summary>One Prometheus alerting rule: its name, PromQL expression, <c>for</c> duration, labels and annotations.</summary>
internal sealed record PrometheusAlert(
    string Name,
    string Expression,
    TimeSpan For,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<KeyValuePair<string, string>> Annotations);
