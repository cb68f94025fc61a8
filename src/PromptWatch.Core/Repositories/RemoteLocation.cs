namespace PromptWatch.Repositories;

/// <summary>A remote URL split into the URL Git is given (no user information) and the credentials it carried.</summary>
internal sealed record RemoteLocation(string Url, RepositoryCredentials? EmbeddedCredentials)
{
    /// <summary>Whether <paramref name="location"/> is a URL rather than a local path.</summary>
    public static bool IsUrl(string location) =>
        location.Contains("://", StringComparison.Ordinal)
        || (location.Contains('@', StringComparison.Ordinal) && location.Contains(':', StringComparison.Ordinal) && !Path.Exists(location));

    /// <summary>Parses a URL and removes any <c>user:password@</c> part from it.</summary>
    public static RemoteLocation Parse(string location)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.UserInfo) || uri.IsFile)
        {
            return new RemoteLocation(location, null);
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        var parts = uri.UserInfo.Split(':', 2);
        var user = Uri.UnescapeDataString(parts[0]);
        var password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        var credentials = password is null ? null : new RepositoryCredentials(user, password);
        if (credentials is null)
        {
            // A user name alone (ssh://git@host/...) is not a secret; keep it.
            return new RemoteLocation(location, null);
        }

        return new RemoteLocation(builder.Uri.ToString(), credentials);
    }
}
