namespace PromptWatch.Repositories;

/// <summary>A remote URL split into the URL Git is given (no user information) and the credentials it carried.</summary>
internal sealed record RemoteLocation(string Url, RepositoryCredentials? EmbeddedCredentials)
{
    /// <summary>The user name sent with a token given alone as a URL's user information (<c>https://TOKEN@host/...</c>).</summary>
    internal const string TokenUsername = "git";

    /// <summary>Why a location with unparsable credentials is refused; it repeats no part of the location.</summary>
    internal const string UnparsableCredentials =
        "has credentials that make it unparsable as a URL (an unencoded '#', '/' or '?' in them): percent-encode the credentials or move them to Username/Password";

    /// <summary>Whether <paramref name="location"/> is a URL rather than a local path.</summary>
    public static bool IsUrl(string location) =>
        location.Contains("://", StringComparison.Ordinal)
        || (location.Contains('@', StringComparison.Ordinal) && location.Contains(':', StringComparison.Ordinal) && !Path.Exists(location));

    /// <summary>Whether <paramref name="location"/> has a <c>...@</c> part after its scheme but cannot be parsed, so its credentials cannot be taken out.</summary>
    public static bool HasUnparsableCredentials(string location)
    {
        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0
            && location.IndexOf('@', scheme + 3) >= 0
            && !Uri.TryCreate(location, UriKind.Absolute, out _);
    }

    /// <summary>The location as it may be shown: without user information, also when it cannot be parsed.</summary>
    public static string Display(string location)
    {
        if (!HasUnparsableCredentials(location)) return Parse(location).Url;

        // Everything up to the last '@' may be credentials: drop it all.
        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        return location[..(scheme + 3)] + location[(location.LastIndexOf('@') + 1)..];
    }

    /// <summary>
    /// Parses a URL and removes any user information from it: <c>user:password@</c> becomes these credentials,
    /// <c>token@</c> the token as password with the user name <see cref="TokenUsername"/>. Only an SSH login name
    /// without a password (<c>ssh://git@host/...</c>) stays in the URL.
    /// </summary>
    /// <exception cref="PromptWatchException">A location whose credentials make it unparsable.</exception>
    public static RemoteLocation Parse(string location)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            if (HasUnparsableCredentials(location)) throw new PromptWatchException($"The repository location {UnparsableCredentials}.");
            return new RemoteLocation(location, null);
        }

        if (string.IsNullOrEmpty(uri.UserInfo) || uri.IsFile) return new RemoteLocation(location, null);

        var parts = uri.UserInfo.Split(':', 2);
        var user = Uri.UnescapeDataString(parts[0]);
        var password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        if (password is null && uri.Scheme.Equals("ssh", StringComparison.OrdinalIgnoreCase))
        {
            // An SSH login name is how the connection is made, not a secret; keep it.
            return new RemoteLocation(location, null);
        }

        var credentials = password is null ? new RepositoryCredentials(TokenUsername, user) : new RepositoryCredentials(user, password);
        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        return new RemoteLocation(builder.Uri.ToString(), credentials);
    }
}
