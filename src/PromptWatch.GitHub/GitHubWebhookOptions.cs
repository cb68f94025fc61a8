using PromptWatch.Hosting;

namespace PromptWatch.GitHub;

/// <summary>
/// Settings of the GitHub integration, bound from the <c>PromptWatch:GitHub</c> configuration section and
/// validated when the host starts.
/// </summary>
public sealed class GitHubWebhookOptions
{
    /// <summary>The configuration section: <c>PromptWatch:GitHub</c>.</summary>
    public const string SectionName = "PromptWatch:GitHub";

    /// <summary>
    /// The webhook secret set in GitHub. Every delivery must carry a matching <c>X-Hub-Signature-256</c>.
    /// Required unless <see cref="AllowUnsigned"/> is set. It never appears in logs, responses or messages.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Whether this host receives webhooks (<c>MapGitHubWebhooks()</c>). Default <see langword="true"/>, and then
    /// <see cref="Secret"/> (or <see cref="AllowUnsigned"/>) is required. A host that only shows the counters
    /// (another replica receives) sets it to <see langword="false"/>.
    /// </summary>
    public bool EnableReceiver { get; set; } = true;

    /// <summary>
    /// Accepts deliveries without a signature when no <see cref="Secret"/> is set (a warning is logged at
    /// start). For local experiments only. Default <see langword="false"/>.
    /// </summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>The largest body accepted; larger ones get 413. Default 25 MB, GitHub's own limit.</summary>
    public long MaxBodyBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>
    /// How many deliveries may be read and verified at once; beyond it the receiver answers 503 with <c>Retry-After</c>
    /// at once, before reading the body. With <see cref="MaxBodyBytes"/> it bounds the memory held by bodies being read
    /// (16 times 25 MB at most by default). Default 16.
    /// </summary>
    public int MaxConcurrentReceipts { get; set; } = 16;

    /// <summary>How many accepted deliveries may wait to be processed; beyond it the receiver answers 503. Default 1000.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// The time zone whose Monday 00:00 starts a counting week (an IANA or Windows id). Default <c>UTC</c>.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How long a delivery id is remembered, so that a redelivery is not counted again. Default 7 days.</summary>
    public TimeSpan DeliveryMemory { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long hourly trend buckets are kept. Default 90 days.</summary>
    public TimeSpan TrendRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long the counters of a past week are kept after it began. Default 35 days.</summary>
    public TimeSpan WeekRetention { get; set; } = TimeSpan.FromDays(35);

    /// <summary>The longest wait between two attempts to process a delivery while the counter store fails. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a delivery is tried while the counter store fails it permanently (a failure that the same call gets
    /// again until something is changed, such as a Redis Cluster endpoint's CROSSSLOT or a script error); then it is
    /// dead-lettered: dropped from the queue, kept in the dead letters (health, metric, <c>GET dead-letters</c>), and
    /// the next delivery is processed. A store that cannot be reached is retried for as long as it takes. Default 5.
    /// </summary>
    public int MaxStoreAttempts { get; set; } = 5;

    /// <summary>How many dead-lettered deliveries are kept for inspection (the most recent ones). Default 100.</summary>
    public int DeadLetterCapacity { get; set; } = 100;

    /// <summary>The prefix of every key this integration writes to the counter store, within the store's own namespace (the Redis store adds <c>promptwatch:</c>). Default <c>github:</c>.</summary>
    public string KeyPrefix { get; set; } = "github:";

    /// <summary>How pushes, pull requests, checks and deployments become counters and alerts.</summary>
    public GitHubCountingRules Rules { get; set; } = new();

    /// <summary>The dashboard's list of alerts (alerts themselves go to the alerting engine).</summary>
    public GitHubAlertOptions Alerts { get; set; } = new();

    /// <summary>
    /// Instant rescans: GitHub repository full names (<c>owner/name</c>) mapped to watched repository names,
    /// for repositories whose location does not show which GitHub repository they are (a local mirror).
    /// </summary>
    public IDictionary<string, string> RepositoryMap { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a push to a watched branch that touches a watched file rescans that repository at once. Default <see langword="true"/>.</summary>
    public bool InstantRescans { get; set; } = true;

    /// <summary>
    /// How the health check is registered: named <c>promptwatch:github</c>, tagged <c>promptwatch</c> and <c>ready</c>,
    /// unless set otherwise here or in <c>PromptWatch:GitHub:HealthChecks</c> (<c>Enabled=false</c> leaves it out).
    /// </summary>
    public PromptWatchHealthCheckOptions HealthChecks { get; } = new();
}
