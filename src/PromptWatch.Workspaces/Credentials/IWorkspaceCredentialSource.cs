namespace PromptWatch.Workspaces;

/// <summary>
/// Where a workspace user's credentials come from: a secret store keyed by user, never the request (the replaced
/// tool took them from the query string, where they end up in logs, browser history and proxies).
/// </summary>
public interface IWorkspaceCredentialSource
{
    /// <summary>The user's credentials, or <see langword="null"/> when the source has none for that user.</summary>
    /// <param name="user">A user name that has passed validation.</param>
    /// <returns>The credentials, or <see langword="null"/>.</returns>
    WorkspaceCredentials? Find(string user);

    /// <summary>
    /// Where this source reads one of a user's secrets, for messages that tell what to set (a setting, a variable or
    /// a file name); never its value.
    /// </summary>
    /// <param name="user">A user name that has passed validation.</param>
    /// <param name="secret">The secret: the name of a <see cref="WorkspaceCredentials"/> property, for example <c>S3AccessKey</c>.</param>
    /// <returns>The name of the setting.</returns>
    string Locate(string user, string secret) => $"{secret} of the user {user}";
}
