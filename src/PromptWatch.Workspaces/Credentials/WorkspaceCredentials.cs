namespace PromptWatch.Workspaces;

/// <summary>
/// One user's secrets: for the workspace's repository and its result store. They never appear in logs, URLs,
/// API responses or messages; <see cref="ToString"/> shows none of them.
/// </summary>
/// <param name="GitUsername">The Git user name; the workspace's user when not set.</param>
/// <param name="GitPassword">The Git password or token.</param>
/// <param name="S3AccessKey">The result store's access key.</param>
/// <param name="S3SecretKey">The result store's secret key.</param>
public sealed record WorkspaceCredentials(string? GitUsername, string? GitPassword, string? S3AccessKey, string? S3SecretKey)
{
    /// <summary>Names which secrets are set, never their values.</summary>
    /// <returns>A text without secrets.</returns>
    public override string ToString() =>
        $"WorkspaceCredentials {{ GitUsername = {GitUsername}, GitPassword = {(GitPassword is null ? "(none)" : "***")}, S3AccessKey = {(S3AccessKey is null ? "(none)" : "***")}, S3SecretKey = {(S3SecretKey is null ? "(none)" : "***")} }}";
}
