using Microsoft.Extensions.Configuration;

namespace PromptWatch.Workspaces;

/// <summary>
/// Credentials from a configuration section with one subsection per user (<c>GitUsername</c>, <c>GitPassword</c>,
/// <c>S3AccessKey</c>, <c>S3SecretKey</c>), by default <c>PromptWatch:Workspaces:Credentials</c>. Fill it from a
/// secret store or environment variables (<c>PromptWatch__Workspaces__Credentials__user1__GitPassword</c>), not a file in the repository.
/// </summary>
/// <param name="section">The section whose children are users; none holds no credentials.</param>
public sealed class ConfigurationWorkspaceCredentialSource(IConfiguration? section) : IWorkspaceCredentialSource
{
    /// <summary>The default section.</summary>
    public const string DefaultSectionName = WorkspaceOptions.SectionName + ":Credentials";

    /// <inheritdoc />
    public WorkspaceCredentials? Find(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (section is null) return null;
        var entry = section.GetSection(user);
        if (!entry.GetChildren().Any()) return null;
        return new WorkspaceCredentials(Value(entry["GitUsername"]), Value(entry["GitPassword"]), Value(entry["S3AccessKey"]), Value(entry["S3SecretKey"]));
    }

    /// <inheritdoc />
    public string Locate(string user, string secret) =>
        $"{(section is IConfigurationSection { Path.Length: > 0 } named ? named.Path : DefaultSectionName)}:{user}:{secret}";

    private static string? Value(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
