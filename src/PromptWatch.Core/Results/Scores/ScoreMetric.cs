namespace PromptWatch.Results;

/// <summary>One named number of a score file.</summary>
/// <param name="Name">The metric's name; lm-evaluation-harness metrics are <c>&lt;task&gt;/&lt;metric&gt;</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Direction">Which way it improves.</param>
/// <param name="Stderr">Its standard error, when the file gives one.</param>
public sealed record ScoreMetric(string Name, double Value, ScoreDirection Direction, double? Stderr = null);
