namespace PromptWatch.Hosting;

/// <summary>One watched repository: where it is, which branch, how to reach it, and which files to follow.</summary>
public sealed class WatchedRepositoryOptions
{
    /// <summary>
    /// A short, unique name for API responses, health checks and metrics. Default: the last segment of
    /// <see cref="Location"/> (<c>my-service</c> for <c>https://example.com/team/my-service.git</c>).
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// A local path (used in place) or a remote URL (<c>https://</c>, <c>ssh://</c>, <c>file://</c>; cloned into the cache folder).
    /// Credentials in a URL (<c>user:password@</c>, or a token alone: <c>token@</c>) are taken out of it and used like
    /// <see cref="Username"/> and <see cref="Password"/>; they are never shown or stored.
    /// </summary>
    public string Location { get; set; } = string.Empty;

    /// <summary>The branch to scan; by default the checked-out branch of a path, the remote's default branch of a URL.</summary>
    public string? Branch { get; set; }

    /// <summary>The user name for a remote that needs credentials.</summary>
    public string? Username { get; set; }

    /// <summary>The password or access token for a remote that needs credentials. It never appears in logs, URLs, API responses or messages.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Watched files, path to environment name. Default: <c>chart/values-test.yaml</c> as <c>test</c> and
    /// <c>chart/values-prod.yaml</c> as <c>prod</c>.
    /// </summary>
    public IDictionary<string, string> Files { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How often this repository is fetched and rescanned; <see cref="PromptWatchOptions.PollInterval"/> when not set.</summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Whether a local repository that has remotes fetches them before each scan. Default <see langword="true"/>.</summary>
    public bool FetchLocal { get; set; } = true;

    /// <summary>
    /// Whether the repository is closed after each scan and opened again for the next (multi-user workspaces: an open
    /// libgit2 repository holds its pack indexes, open pack files and delta caches, native memory a collection does not
    /// return). Default <see langword="false"/>: kept open between scans.
    /// </summary>
    internal bool CloseBetweenScans { get; set; }

    /// <summary>Shows the location and name only.</summary>
    /// <returns>A text without credentials.</returns>
    public override string ToString() => $"{EffectiveName}: {SafeLocation}";

    /// <summary>The name, or the one derived from the location.</summary>
    internal string EffectiveName => string.IsNullOrWhiteSpace(Name) ? DeriveName(Location) : Name;

    /// <summary>The location without any user information (<c>user:password@</c> or <c>token@</c>).</summary>
    internal string SafeLocation => Repositories.RemoteLocation.IsUrl(Location) ? Repositories.RemoteLocation.Display(Location) : Location;

    private static string DeriveName(string location)
    {
        var trimmed = location.TrimEnd('/', '\\');
        var start = trimmed.LastIndexOfAny(['/', '\\', ':']) + 1;
        var name = trimmed[start..];
        if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        return name.Length == 0 ? "repository" : name;
    }
}
