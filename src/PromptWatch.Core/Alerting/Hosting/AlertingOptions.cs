namespace PromptWatch.Alerting;

/// <summary>
/// The alerting engine's settings, bound from <c>PromptWatch:Alerting</c> and validated on start. Channels have their
/// own sections below it (<c>PromptWatch:Alerting:Slack</c>...).
/// </summary>
public sealed class AlertingOptions
{
    /// <summary>The configuration section: <c>PromptWatch:Alerting</c>.</summary>
    public const string SectionName = "PromptWatch:Alerting";

    /// <summary>How often metric rules are evaluated (1 s to 1 h; default 15 s).</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The least time between two notifications of one alert group, for rules that set none (0 to 24 h; default 5 min).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most notifications per hour per rule and channel, for rules that set none (1 to 10,000; default 20).</summary>
    public int MaxNotificationsPerHour { get; set; } = 20;

    /// <summary>Whether the default rules are in force (default <see langword="true"/>); each can be disabled by deleting it.</summary>
    public bool DefaultRules { get; set; } = true;

    /// <summary>The dashboard's address, linked from notifications (absolute http or https), if any.</summary>
    public Uri? DashboardUrl { get; set; }

    /// <summary>Rules from configuration, besides the defaults and those created through the API.</summary>
    public IList<AlertRule> Rules { get; } = [];

    /// <summary>How many published events wait to be matched (16 to 1,000,000; default 4,096); the oldest are dropped beyond.</summary>
    public int EventQueueCapacity { get; set; } = 4096;

    /// <summary>How many notifications wait for each channel (1 to 100,000; default 1,024); further ones fail as <c>queue_full</c>.</summary>
    public int ChannelQueueCapacity { get; set; } = 1024;

    /// <summary>The most alerts (series) one metric rule tracks (1 to 100,000; default 2,000); further series are ignored.</summary>
    public int MaxSeriesPerRule { get; set; } = 2000;

    /// <summary>
    /// How far back <c>unevaluated_prod_change</c> looks at prod changes, by commit date (1 hour to 90 days; default 7
    /// days): only changes this recent are checked for an evaluation report after each refresh and result listing.
    /// </summary>
    public TimeSpan UnevaluatedChangeLookBack { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long after its commit a prod change may go without an evaluation report before <c>unevaluated_prod_change</c>
    /// is published (0 to less than <see cref="UnevaluatedChangeLookBack"/>; default 1 hour).
    /// </summary>
    public TimeSpan EvaluationGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The environments whose changes need an evaluation report, compared case-insensitively with a change's
    /// environment; empty for <c>prod</c> and <c>production</c>.
    /// </summary>
    public IList<string> ProdEnvironments { get; } = [];
}
