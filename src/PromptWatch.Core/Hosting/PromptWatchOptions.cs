namespace PromptWatch.Hosting;

/// <summary>
/// What a PromptWatch host watches. Bound from the <c>PromptWatch</c> configuration section and from code
/// (<c>services.AddPromptWatch(options =&gt; ...)</c>), and validated when the host starts.
/// </summary>
public sealed class PromptWatchOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "PromptWatch";

    /// <summary>The watched repositories; at least one, unless <see cref="AllowNoRepositories"/>.</summary>
    public IList<WatchedRepositoryOptions> Repositories { get; } = [];

    /// <summary>
    /// Whether the host may start without a repository of its own. Default <see langword="false"/>: a host with no
    /// repository does not start, since it would show nothing. An integration that serves monitors of its own sets it
    /// (through <c>IConfigureOptions&lt;PromptWatchOptions&gt;</c> or <c>IPostConfigureOptions&lt;PromptWatchOptions&gt;</c>)
    /// while it is switched on.
    /// </summary>
    public bool AllowNoRepositories { get; set; }

    /// <summary>How often each repository is fetched and rescanned, unless it sets its own interval. Default 30 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often evaluation-result stores are listed, unless a store sets its own interval
    /// (<see cref="Results.IEvaluationResultStore.RefreshInterval"/>, for example <c>PromptWatch:S3:RefreshInterval</c>).
    /// Default 60 seconds. After a failure the next listing waits twice as long each time, up to
    /// <see cref="ResultsMaxBackoff"/>, and the interval returns once a listing succeeds.
    /// </summary>
    public TimeSpan ResultsRefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How result files are named, tried in order; empty for <see cref="Results.EvaluationResultLayout.Default"/>
    /// (<c>&lt;commit&gt;/&lt;usecase&gt;_results.html</c> and the benchmark layouts).
    /// </summary>
    public IList<Results.EvaluationResultPattern> ResultPatterns { get; } = [];

    /// <summary>
    /// The longest wait between listings of a failing result store. Default 5 minutes; a store with a longer
    /// interval of its own waits that interval.
    /// </summary>
    public TimeSpan ResultsMaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where remote repositories are cloned. Default: <c>promptwatch/repositories</c> under the user's cache folder.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The largest file version that is parsed, in bytes; larger versions give an error entry and are not compared when following renames. Default 1 MiB.</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest score file (<c>&lt;commit&gt;/&lt;usecase&gt;_results.json</c>) that is read, in bytes; a larger one is an error on its change. Default 256 KiB.</summary>
    public long MaxScoreFileBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How far a metric may move the wrong way from the previous evaluated version before it counts as a regression, in the
    /// metric's own units. Default 0.01; <see langword="null"/> leaves only <see cref="ScoreRegressionRelativeDrop"/>.
    /// </summary>
    public double? ScoreRegressionDrop { get; set; } = 0.01;

    /// <summary>
    /// How far a metric may move the wrong way, as a fraction of the previous value (0.05 for 5 %), before it counts as a
    /// regression. Default <see langword="null"/> (not checked). When both thresholds are set, a regression exceeds both.
    /// </summary>
    public double? ScoreRegressionRelativeDrop { get; set; }

    /// <summary>
    /// How old the last successful fetch and scan of a repository may be, in poll intervals, before its health
    /// check reports Degraded. Default 3.
    /// </summary>
    public int StaleAfterIntervals { get; set; } = 3;

    /// <summary>
    /// How the repository checks are registered: one per repository, named <c>promptwatch:&lt;name&gt;</c> (the
    /// <see cref="PromptWatchHealthCheckOptions.Name"/> replaces <c>promptwatch</c>), tagged <c>promptwatch</c> and
    /// <c>ready</c>, Unhealthy when they fail. Bound from <c>PromptWatch:HealthChecks</c>.
    /// </summary>
    public PromptWatchHealthCheckOptions HealthChecks { get; } = new();

    /// <summary>
    /// How the evaluation-result store checks are registered: one per store, named
    /// <c>promptwatch:results:&lt;n&gt;:&lt;store&gt;</c> (the <see cref="PromptWatchHealthCheckOptions.Name"/> replaces
    /// <c>promptwatch:results</c>), tagged <c>promptwatch</c> and <c>results</c>, Degraded when a listing fails.
    /// Bound from <c>PromptWatch:ResultStoreHealthChecks</c>.
    /// </summary>
    public PromptWatchHealthCheckOptions ResultStoreHealthChecks { get; } = new();
}
