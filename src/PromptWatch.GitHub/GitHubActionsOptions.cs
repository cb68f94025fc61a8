using PromptWatch.Compliance;
using PromptWatch.Hosting;

namespace PromptWatch.GitHub;

/// <summary>
/// The GitHub Actions pipeline provider: the token, the repositories it watches, the API's address and the reconcile
/// poll. Bound from <c>PromptWatch:Pipelines:GitHub</c>, and from the flat names <c>GITHUB_TOKEN</c>,
/// <c>GITHUB_OWNER</c> with <c>GITHUB_REPO</c> (one repository, or several names separated by commas) and
/// <c>GITHUB_API_URL</c> where the section leaves a setting out.
/// </summary>
public sealed class GitHubActionsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "PromptWatch:Pipelines:GitHub";

    /// <summary>GitHub.com's API, the default <see cref="ApiUrl"/>.</summary>
    public static readonly Uri GitHubDotComApi = new("https://api.github.com/");

    /// <summary>
    /// The token sent as a bearer token: a fine-grained token with Actions, Contents and Metadata read access (write for
    /// Actions to rerun and cancel), or a classic one with <c>repo</c>. A secret: never logged, never shown.
    /// </summary>
    [SecretData]
    public string? Token { get; set; }

    /// <summary>The repositories watched, as <c>owner/name</c>.</summary>
    public IList<string> Repositories { get; } = [];

    /// <summary>
    /// The API's base address, used as given (GitHub Enterprise Server: <c>https://host/api/v3</c>). Default
    /// <c>https://api.github.com</c>.
    /// </summary>
    public Uri ApiUrl { get; set; } = GitHubDotComApi;

    /// <summary>Whether the reconcile poll runs. Default <see langword="true"/>.</summary>
    public bool Poll { get; set; } = true;

    /// <summary>How often the reconcile poll lists recent runs and deployments of each repository. Default 2 minutes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many recent runs (and deployments) one poll lists per repository, 1 to 100. Default 30.</summary>
    public int PollPageSize { get; set; } = 30;

    /// <summary>
    /// The requests of the rate limit left untouched: when GitHub reports fewer remaining, the poll waits for the
    /// limit's reset. Default 100.
    /// </summary>
    public int RateLimitReserve { get; set; } = 100;

    /// <summary>How long one request to GitHub may take. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many responses are kept for conditional requests (their ETags). Default 1,000.</summary>
    public int ResponseCacheSize { get; set; } = 1000;

    /// <summary>
    /// How the health check is registered: named <c>promptwatch:github-actions</c>, tagged <c>promptwatch</c> and
    /// <c>ready</c>, unless set otherwise here (<c>Enabled=false</c> leaves it out).
    /// </summary>
    public PromptWatchHealthCheckOptions HealthChecks { get; } = new();
}
