namespace PromptWatch.Diagnostics.Performance;

/// <summary>Settings of the <see cref="PerformanceMonitor"/>, bound from <c>PromptWatch:Performance</c>.</summary>
public sealed class PerformanceOptions
{
    /// <summary>The configuration section: <c>PromptWatch:Performance</c>.</summary>
    public const string SectionName = "PromptWatch:Performance";

    /// <summary>The expected p95 in milliseconds per operation (<c>PromptWatch:Performance:Baselines:scan</c> = 250); an operation without one learns it from its first 24 hours.</summary>
    public Dictionary<string, double> Baselines { get; } = new(StringComparer.Ordinal);

    /// <summary>How far the last hour's p95 may rise above the baseline before the operation counts as slower than it: 1.5 (50 % above) by default.</summary>
    public double SlowerFactor { get; set; } = 1.5;

    /// <summary>How many operations are tracked; samples of further operations are dropped. 64 by default, at most 1000.</summary>
    public int MaxOperations { get; set; } = 64;
}
