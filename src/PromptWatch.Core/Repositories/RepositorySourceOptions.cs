namespace PromptWatch.Repositories;

/// <summary>Where a watched repository is and how to reach it.</summary>
public sealed class RepositorySourceOptions
{
    /// <summary>A local path (used in place) or a remote URL (<c>https://</c>, <c>ssh://</c>, <c>file://</c>; cloned into <see cref="CacheDirectory"/>).</summary>
    public string Location { get; set; } = string.Empty;

    /// <summary>The branch to scan; by default the checked-out branch of a path, the remote's default branch of a URL.</summary>
    public string? Branch { get; set; }

    /// <summary>Credentials for a remote, if it needs them.</summary>
    public RepositoryCredentials? Credentials { get; set; }

    /// <summary>Where remote repositories are cloned. Default: <c>promptwatch/repositories</c> under the user's cache folder.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Whether a local repository that has remotes fetches them before a scan. Default <see langword="true"/>.</summary>
    public bool FetchLocal { get; set; } = true;

    /// <summary>The default cache folder for clones.</summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                cache = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
            }

            return Path.Combine(cache, "promptwatch", "repositories");
        }
    }
}
