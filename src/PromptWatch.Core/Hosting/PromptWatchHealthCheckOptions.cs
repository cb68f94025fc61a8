using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.Diagnostics;

namespace PromptWatch.Hosting;

/// <summary>
/// How a package registers its health checks: what a host chooses for any check it adds (name, failure status, tags),
/// and a way to leave them out. Each package binds its own under its section (Core's are <c>PromptWatch:HealthChecks</c>
/// and <c>PromptWatch:ResultStoreHealthChecks</c>; an integration's are <c>HealthChecks</c> in its section, for example
/// <c>PromptWatch:Redis:HealthChecks</c>); whatever is not set keeps the package's default.
/// </summary>
public sealed class PromptWatchHealthCheckOptions
{
    /// <summary>Whether the package registers its checks. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The check's name; for checks registered one per repository or store, the start of each name, followed by
    /// <c>:</c> and the repository or store. Not set (or blank): the package's name.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// The status reported when the check fails (and when it throws). Not set: the package's, Unhealthy except for
    /// result stores, whose failures are Degraded because the timeline is still served without results.
    /// </summary>
    public HealthStatus? FailureStatus { get; set; }

    /// <summary>The tags, for filtering checks (for example <c>/health/ready</c> runs those tagged <c>ready</c>). Not set: the package's.</summary>
    public IList<string>? Tags { get; set; }

    /// <summary><see cref="Name"/>, or <paramref name="defaultName"/> when it is not set.</summary>
    /// <param name="defaultName">The package's name for the check.</param>
    /// <returns>The name to register.</returns>
    public string NameOr(string defaultName) => string.IsNullOrWhiteSpace(Name) ? defaultName : Name;

    /// <summary><see cref="Tags"/>, or <paramref name="defaultTags"/> when they are not set.</summary>
    /// <param name="defaultTags">The package's tags for the check.</param>
    /// <returns>The tags to register.</returns>
    public IEnumerable<string> TagsOr(IEnumerable<string> defaultTags) => Tags ?? defaultTags;

    /// <summary>
    /// Adds one check to <paramref name="healthChecks"/> as these settings shape it, unless <see cref="Enabled"/> is
    /// off: the package's name and tags where none are set, and <see cref="FailureStatus"/>.
    /// </summary>
    /// <param name="healthChecks">The host's health-check registrations.</param>
    /// <param name="defaultName">The package's name for the check.</param>
    /// <param name="defaultTags">The package's tags for the check.</param>
    /// <param name="factory">Creates the check from the request's services; it runs inside a <c>promptwatch.health_check</c> span.</param>
    public void AddTo(HealthCheckServiceOptions healthChecks, string defaultName, IEnumerable<string> defaultTags, Func<IServiceProvider, IHealthCheck> factory)
    {
        ArgumentNullException.ThrowIfNull(healthChecks);
        if (!Enabled) return;
        ArgumentNullException.ThrowIfNull(factory);
        healthChecks.Registrations.Add(new HealthCheckRegistration(NameOr(defaultName), services => new TracedHealthCheck(factory(services)), FailureStatus, TagsOr(defaultTags)));
    }
}
