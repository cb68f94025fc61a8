namespace PromptWatch.Workspaces;

/// <summary>
/// Credentials from files, one folder per user, as Kubernetes mounts a secret: <c>&lt;folder&gt;/&lt;user&gt;/git-username</c>,
/// <c>git-password</c>, <c>s3-access-key</c> and <c>s3-secret-key</c>. Each file's content is the value; a final
/// line break is ignored. Files are read when a workspace is created, so a rotated secret applies from the next one.
/// </summary>
/// <param name="folder">The folder that holds one folder per user.</param>
public sealed class FileWorkspaceCredentialSource(string folder) : IWorkspaceCredentialSource
{
    /// <inheritdoc />
    public WorkspaceCredentials? Find(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The user has passed validation (letters, digits, '.', '_', '-', never '..'), so this stays inside the folder.
        var path = Path.Combine(folder, user);
        if (!Directory.Exists(path)) return null;
        var credentials = new WorkspaceCredentials(Read(path, "git-username"), Read(path, "git-password"), Read(path, "s3-access-key"), Read(path, "s3-secret-key"));
        return credentials is { GitUsername: null, GitPassword: null, S3AccessKey: null, S3SecretKey: null } ? null : credentials;
    }

    /// <inheritdoc />
    public string Locate(string user, string secret)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(secret);
        var file = secret switch
        {
            nameof(WorkspaceCredentials.GitUsername) => "git-username",
            nameof(WorkspaceCredentials.GitPassword) => "git-password",
            nameof(WorkspaceCredentials.S3AccessKey) => "s3-access-key",
            nameof(WorkspaceCredentials.S3SecretKey) => "s3-secret-key",
            _ => secret,
        };
        return Path.Combine(folder, user, file);
    }

    private static string? Read(string folder, string name)
    {
        var file = Path.Combine(folder, name);
        if (!File.Exists(file)) return null;
        var text = File.ReadAllText(file).TrimEnd('\r', '\n');
        return text.Length == 0 ? null : text;
    }
}
