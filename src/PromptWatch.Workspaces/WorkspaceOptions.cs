using PromptWatch.Hosting;

namespace PromptWatch.Workspaces;

/// <summary>
/// Multi-user workspaces: one monitored repository (and optionally one result store) per user and cluster,
/// derived from templates, behind <c>/{user}/{cluster}</c> routes. Bound from the <c>PromptWatch:Workspaces</c>
/// configuration section by <c>AddWorkspaces()</c> and validated when the host starts.
/// </summary>
public sealed class WorkspaceOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "PromptWatch:Workspaces";

    /// <summary>The default <see cref="UserPattern"/>.</summary>
    public const string DefaultUserPattern = "^user[0-9]{1,4}$";

    /// <summary>Whether workspaces are served. Default <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The repository of a workspace, with <c>{user}</c> and <c>{cluster}</c> placeholders, for example
    /// <c>https://gitea-gitea.{cluster}/{user}/canopy-be.git</c>. Required when enabled; <c>http://</c> or <c>https://</c>.
    /// </summary>
    public string? GitRepoUrl { get; set; }

    /// <summary>The S3 API of a workspace's result store, for example <c>https://minio-api-{user}-toolings.{cluster}</c>; none for no results.</summary>
    public string? S3Endpoint { get; set; }

    /// <summary>The web console of a workspace's result store, for example <c>https://minio-ui-{user}-toolings.{cluster}</c>.</summary>
    public string? S3UiUrl { get; set; }

    /// <summary>The bucket of a workspace's result store. Default <c>results</c>.</summary>
    public string S3Bucket { get; set; } = "results";

    /// <summary>
    /// A regular expression a user name must match, else the request is answered 404 before anything else
    /// happens. Default <c>^user[0-9]{1,4}$</c>. Whatever the pattern, a user name is at most 64 lower-case letters,
    /// digits, <c>.</c>, <c>_</c> or <c>-</c> (with <see cref="WorkspaceCredentialSourceKind.Environment"/> no <c>.</c>
    /// or <c>-</c>): a spelling the credential source would fold into another (<c>Bob</c> and <c>bob</c>) is refused.
    /// </summary>
    public string UserPattern { get; set; } = DefaultUserPattern;

    /// <summary>
    /// The clusters that may be named: exact host names (<c>apps.cluster-abc.example.com</c>) or suffixes
    /// (<c>*.example.com</c>, which matches any name ending in <c>.example.com</c>). Empty (the default): no cluster is allowed.
    /// </summary>
    public IList<string> AllowedClusters { get; } = [];

    /// <summary>The cluster of the legacy <c>/{user}</c> routes; without it those routes answer 404.</summary>
    public string? DefaultCluster { get; set; }

    /// <summary>
    /// The most workspaces alive at once. Creating one more evicts the least recently used idle workspace (no request in
    /// flight, no open event stream); when none is idle, the request is answered 503 with <c>Retry-After</c>
    /// (<see cref="BusyRetryAfter"/>) and nothing is evicted. Default 100.
    /// </summary>
    public int MaxAlive { get; set; } = 100;

    /// <summary>
    /// The most workspaces one user may have alive at once (on any clusters); a request that would create one more is
    /// answered 429 with <c>Retry-After</c> (when the user's least recently used workspace could be evicted as idle). Default 5.
    /// </summary>
    public int MaxAlivePerUser { get; set; } = 5;

    /// <summary>
    /// The most workspaces one user may create within <see cref="CreationWindow"/> (each creation clones or fetches);
    /// one more is answered 429 with <c>Retry-After</c>. 0 for no limit. Default 10.
    /// </summary>
    public int MaxCreationsPerUser { get; set; } = 10;

    /// <summary>
    /// The most workspaces all users together may create within <see cref="CreationWindow"/>; one more is answered 429
    /// with <c>Retry-After</c>. 0 (the default) for no limit.
    /// </summary>
    public int MaxCreations { get; set; }

    /// <summary>The sliding window of <see cref="MaxCreationsPerUser"/> and <see cref="MaxCreations"/>. Default one minute.</summary>
    public TimeSpan CreationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most event streams (<c>api/events</c>) open on one workspace; one more is answered 503 with <c>Retry-After</c>. Default 10.</summary>
    public int MaxEventStreamsPerWorkspace { get; set; } = 10;

    /// <summary>The most event streams open on all workspaces together; one more is answered 503 with <c>Retry-After</c>. Default 1000.</summary>
    public int MaxEventStreams { get; set; } = 1000;

    /// <summary>The <c>Retry-After</c> of a 503 when every workspace is busy or an event-stream limit is reached. Default 10 seconds.</summary>
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a workspace may go without a request before it is evicted. Default 30 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The default <see cref="ViewCacheBytes"/>: 256 MiB.</summary>
    public const long DefaultViewCacheBytes = 256L * 1024 * 1024;

    /// <summary>
    /// The most bytes of serialized timeline parts (each entry's JSON with its diff, a whole timeline and its compressed
    /// forms) kept for all workspaces together, in one cache: beyond it the least recently used parts are dropped,
    /// whichever workspace they belong to, and serialized again (to the same bytes) when a request needs them, so an idle
    /// workspace holds none for long. A budget below what the workspaces in use need costs CPU (requests serialize their pages again). Default 256 MiB; at least 64 KiB (65536).
    /// </summary>
    public long ViewCacheBytes { get; set; } = DefaultViewCacheBytes;

    /// <summary>
    /// Whether each workspace keeps its clone's libgit2 repository open between scans. Default <see langword="false"/>:
    /// the repository is closed after each scan and opened again for the next one (an open repository holds its pack
    /// indexes, open pack files and delta caches, native memory that a garbage collection does not return).
    /// </summary>
    public bool KeepRepositoriesOpen { get; set; }

    /// <summary>The branch to scan; the remote's default branch when not set.</summary>
    public string? Branch { get; set; }

    /// <summary>Watched files, path to environment name; the defaults of a repository when empty.</summary>
    public IDictionary<string, string> Files { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How often a workspace's repository is fetched and rescanned; <c>PromptWatch:PollInterval</c> when not set.</summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>
    /// Where workspace clones are kept, one folder per cluster and user, reused (fetched, not cloned again)
    /// when an evicted workspace comes back. Default: <c>workspaces</c> in the repository cache folder.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Where each user's credentials come from. Default <see cref="WorkspaceCredentialSourceKind.Configuration"/>.</summary>
    public WorkspaceCredentialSourceKind CredentialSource { get; set; } = WorkspaceCredentialSourceKind.Configuration;

    /// <summary>
    /// For <see cref="WorkspaceCredentialSourceKind.Files"/>: a folder with one folder per user holding the files
    /// <c>git-username</c>, <c>git-password</c>, <c>s3-access-key</c> and <c>s3-secret-key</c> (as Kubernetes mounts a secret).
    /// </summary>
    public string? CredentialsDirectory { get; set; }

    /// <summary>
    /// For <see cref="WorkspaceCredentialSourceKind.Environment"/>: the prefix of the variables,
    /// <c>&lt;prefix&gt;&lt;USER&gt;_GIT_PASSWORD</c> and so on. Default <c>PROMPTWATCH_WORKSPACE_</c>.
    /// </summary>
    public string EnvironmentPrefix { get; set; } = "PROMPTWATCH_WORKSPACE_";

    /// <summary>
    /// The claim that names an authenticated user; the identity's name claim when not set. An authenticated
    /// request may only open its own user's workspace, unless it has <see cref="AdminRole"/>.
    /// </summary>
    public string? UserClaimType { get; set; }

    /// <summary>The role that may open every user's workspace. Default <c>promptwatch-admin</c>.</summary>
    public string AdminRole { get; set; } = "promptwatch-admin";

    /// <summary>
    /// Whether requests without an authenticated user may open workspaces (read with that user's credentials).
    /// Default <see langword="false"/>: they are answered 401 with the challenge of the host's default authentication
    /// scheme (<c>WWW-Authenticate: Bearer</c> when the host has none) and a problem details body, before anything else.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// The wildcard entries of <see cref="AllowedClusters"/> (spelled as there, <c>*.training.example.com</c>) whose
    /// clusters receive the users' credentials. A cluster allowed by an exact entry receives them; one allowed only by
    /// a wildcard entry not listed here gets none (its repository is read and its store listed without credentials), so
    /// a user's secrets go only to servers named by the configuration, never to one a request chose under a suffix.
    /// </summary>
    public IList<string> CredentialWildcards { get; } = [];

    /// <summary>
    /// How the health checks are registered: the check <c>promptwatch:workspaces</c> and, in <c>/health/detailed</c>,
    /// one entry per workspace alive, <c>promptwatch:workspace:&lt;user&gt;/&lt;cluster&gt;</c>, all tagged
    /// <c>promptwatch</c> and <c>workspaces</c>, a workspace Unhealthy when it fails; unless set otherwise here or in
    /// <c>PromptWatch:Workspaces:HealthChecks</c>. A <see cref="PromptWatchHealthCheckOptions.Name"/> names the check
    /// and starts each entry's name (<c>&lt;name&gt;:&lt;user&gt;/&lt;cluster&gt;</c>); the tags and the failure status
    /// apply to the check and to every entry; <c>Enabled=false</c> leaves out both.
    /// </summary>
    public PromptWatchHealthCheckOptions HealthChecks { get; } = new();
}
