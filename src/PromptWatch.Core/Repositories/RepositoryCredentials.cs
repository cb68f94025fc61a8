namespace PromptWatch.Repositories;

/// <summary>
/// A user name and a password or token for a remote repository. They go to Git only through
/// LibGit2Sharp's credentials handler: never into a URL, a log line, an exception message or an API field.
/// </summary>
/// <param name="Username">The user name (for tokens, often any non-empty name).</param>
/// <param name="Password">The password or access token.</param>
public sealed record RepositoryCredentials(string Username, string Password)
{
    /// <summary>Shows the user name only.</summary>
    /// <returns>A text without the password.</returns>
    public override string ToString() => $"{Username}:***";
}
