namespace PromptWatch.Results;

/// <summary>Which way a metric improves.</summary>
public enum ScoreDirection
{
    /// <summary>Higher is better (the default).</summary>
    Higher,

    /// <summary>Lower is better (latency, error rates).</summary>
    Lower,
}
