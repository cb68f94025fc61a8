using System.Text;

namespace PromptWatch.Workspaces;

/// <summary>
/// Credentials from environment variables: <c>&lt;prefix&gt;&lt;USER&gt;_GIT_USERNAME</c>, <c>_GIT_PASSWORD</c>,
/// <c>_S3_ACCESS_KEY</c> and <c>_S3_SECRET_KEY</c>, the user upper-cased with every character other than a letter
/// or digit turned into <c>_</c> (<c>PROMPTWATCH_WORKSPACE_USER1_GIT_PASSWORD</c>).
/// </summary>
/// <param name="prefix">The variables' prefix.</param>
public sealed class EnvironmentWorkspaceCredentialSource(string prefix = "PROMPTWATCH_WORKSPACE_") : IWorkspaceCredentialSource
{
    /// <inheritdoc />
    public WorkspaceCredentials? Find(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stem = prefix + VariablePart(user) + "_";
        var credentials = new WorkspaceCredentials(Read(stem + "GIT_USERNAME"), Read(stem + "GIT_PASSWORD"), Read(stem + "S3_ACCESS_KEY"), Read(stem + "S3_SECRET_KEY"));
        return credentials is { GitUsername: null, GitPassword: null, S3AccessKey: null, S3SecretKey: null } ? null : credentials;
    }

    /// <inheritdoc />
    public string Locate(string user, string secret)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(secret);
        return prefix + VariablePart(user) + "_" + Suffix(secret);
    }

    /// <summary>The part of a variable name that stands for a user.</summary>
    /// <param name="user">The user.</param>
    /// <returns>The user upper-cased, other characters than letters and digits as <c>_</c>.</returns>
    public static string VariablePart(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var text = new StringBuilder(user.Length);
        foreach (var c in user) text.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return text.ToString();
    }

    private static string Suffix(string secret) => secret switch
    {
        nameof(WorkspaceCredentials.GitUsername) => "GIT_USERNAME",
        nameof(WorkspaceCredentials.GitPassword) => "GIT_PASSWORD",
        nameof(WorkspaceCredentials.S3AccessKey) => "S3_ACCESS_KEY",
        nameof(WorkspaceCredentials.S3SecretKey) => "S3_SECRET_KEY",
        _ => VariablePart(secret),
    };

    private static string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
