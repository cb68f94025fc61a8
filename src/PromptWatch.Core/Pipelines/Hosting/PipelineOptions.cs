namespace PromptWatch.Pipelines;

/// <summary>The pipeline monitor's settings, bound from <c>PromptWatch:Pipelines</c> and validated on start.</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section: <c>PromptWatch:Pipelines</c>.</summary>
    public const string SectionName = "PromptWatch:Pipelines";

    /// <summary>How many days of runs, jobs and deployments the store keeps, by creation time (1 to 3,650; default 90).</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>The most runs the store keeps; the oldest go first, with their jobs (100 to 10,000,000; default 100,000).</summary>
    public int MaxRuns { get; set; } = 100_000;

    /// <summary>The most bytes of one job's log returned; the end is kept (1 KiB to 64 MiB; default 1 MiB).</summary>
    public int MaxLogBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Regular expressions (case-insensitive) that mark a deployment as a rollback when its ref or description matches;
    /// empty for <c>\b(rollback|roll back|revert)\b</c>.
    /// </summary>
    public IList<string> RollbackPatterns { get; } = [];

    /// <summary>The analytics' window when a request gives no <c>lookback_days</c> (1 to <see cref="RetentionDays"/>; default 30).</summary>
    public int DefaultLookbackDays { get; set; } = 30;

    /// <summary>The most live connections (WebSocket and server-sent events together) at once (1 to 10,000; default 100).</summary>
    public int MaxLiveConnections { get; set; } = 100;

    /// <summary>How many messages wait for one live connection (16 to 65,536; default 256); a client that falls further behind is disconnected.</summary>
    public int LiveBufferSize { get; set; } = 256;

    /// <summary>
    /// The deployment environment that stands for each PromptWatch environment (a values file's), keyed by the
    /// PromptWatch environment (case-insensitive): <c>prod</c> = <c>production</c>. An environment not named here is
    /// matched by the same name (case-insensitive), then <c>prod</c> by <c>production</c>, <c>production</c> by
    /// <c>prod</c>, and <c>test</c> by <c>testing</c> and then <c>staging</c>.
    /// </summary>
    public IDictionary<string, string> Environments { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
