namespace PromptWatch.Cli.Generation;

/// <summary>What became of one engine rule: a Prometheus alert, or why there is none.</summary>
internal sealed record RuleTranslation(string RuleName, PrometheusAlert? Alert, string? Skipped);
