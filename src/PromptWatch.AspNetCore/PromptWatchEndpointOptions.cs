namespace PromptWatch.AspNetCore;

/// <summary>What <c>MapPromptWatch()</c> maps and how the dashboard behaves.</summary>
public sealed class PromptWatchEndpointOptions
{
    /// <summary>Whether the dashboard is served at the group's root. Default <see langword="true"/>.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>How often the dashboard polls when server-sent events are not available. Default 30 seconds.</summary>
    public TimeSpan DashboardPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether <c>health</c>, <c>health/live</c>, <c>health/ready</c> and <c>health/detailed</c> are mapped in
    /// the group. Default <see langword="false"/>: hosts usually map health endpoints themselves
    /// (<c>MapPromptWatchHealthChecks()</c>), outside any authorization.
    /// </summary>
    public bool HealthChecks { get; set; }

    /// <summary>The largest <c>limit</c> a client may ask of <c>api/changes</c>. Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The largest evaluation report <c>eval/{sha}/{name}</c> serves; a larger one gets a 413 page. Default 20 MiB.</summary>
    public long MaxReportBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>How long signed links to reports in a store stay valid. Default 15 minutes.</summary>
    public TimeSpan ReportLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often an idle server-sent events stream gets a keep-alive comment. Default 15 seconds.</summary>
    public TimeSpan EventsKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The URL of activity data in the shape of the GitHub integration's <c>GET /api/monitor/dashboard</c>
    /// (relative to the dashboard page, or absolute on the same origin). When set, the dashboard shows an
    /// Activity panel with the counters and a trend chart per counter; when not set, the panel stays hidden.
    /// </summary>
    public string? ActivityUrl { get; set; }

    /// <summary>
    /// The URL of the alert routes' <c>api/alerts</c> (<c>MapPromptWatchAlerts()</c>; relative to the dashboard page, or an
    /// absolute path on the same origin). When set, the dashboard shows an Alerts panel with the firing, acknowledged and
    /// silenced alerts, and acknowledge and resolve buttons unless the host answers them 401 or 403; when not set, the panel stays hidden.
    /// </summary>
    public string? AlertsUrl { get; set; }

    /// <summary>
    /// Where the pipeline monitor's routes are mapped (<c>MapPromptWatchPipelines()</c>: the base under which
    /// <c>api/v1/pipeline/overview</c> answers; relative to the dashboard page, or an absolute path on the same origin;
    /// an empty string for the page's own base). When set, the dashboard shows a Pipelines panel and marks each change
    /// with its commit's checks and the versions deployed; when not set, neither appears.
    /// </summary>
    public string? PipelinesUrl { get; set; }

    /// <summary>
    /// The host's sign-in endpoint (an absolute path such as <c>/signin</c>, or relative to the dashboard page). When
    /// set, a call of the dashboard answered 401 shows a "Sign in" link to it, with <c>returnUrl</c> set to the current
    /// view (path, query and hash), so that the endpoint can send the browser back to the same view once signed in.
    /// When not set, the dashboard shows no link.
    /// </summary>
    public string? SignInPath { get; set; }

    /// <summary>
    /// Where the timeline views keep the bytes they serialize (each entry's JSON with its diff, the whole timeline and
    /// its compressed forms): one size-bounded cache, which may be shared by several route groups and monitors (the
    /// workspaces of <c>MapPromptWatchWorkspaces()</c> share one, <c>PromptWatch:Workspaces:ViewCacheBytes</c>). Not set
    /// (the default): each view keeps everything it serialized until a newer timeline replaces it.
    /// </summary>
    public TimelineViewCache? ViewCache { get; set; }
}
