using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PromptWatch.Parsing;

namespace PromptWatch.Workspaces;

/// <summary>
/// Decides whether a user and a cluster name a workspace, and builds its URLs from the templates. Only values
/// that passed validation are substituted, and each built URL must keep the template's scheme and host shape,
/// so that no path segment can ever send a request to a host of its choosing.
/// </summary>
internal sealed partial class WorkspaceAddressing
{
    private const int MaxUserLength = 64;
    private const int MaxClusterLength = 253;
    private readonly Regex _userPattern;
    private readonly string[] _exactClusters;
    private readonly string[] _clusterSuffixes;
    private readonly string[] _credentialSuffixes;
    private readonly WorkspaceOptions _options;

    public WorkspaceAddressing(WorkspaceOptions options)
    {
        _options = options;
        _userPattern = LinearRegex.Create(options.UserPattern, RegexOptions.CultureInvariant);
        _exactClusters = [.. options.AllowedClusters.Where(static c => !c.StartsWith("*.", StringComparison.Ordinal)).Select(static c => c.Trim().ToLowerInvariant())];
        _clusterSuffixes = [.. options.AllowedClusters.Where(static c => c.StartsWith("*.", StringComparison.Ordinal)).Select(static c => c.Trim()[1..].ToLowerInvariant())];
        _credentialSuffixes = [.. options.CredentialWildcards.Select(static c => c.Trim()).Where(static c => c.StartsWith("*.", StringComparison.Ordinal)).Select(static c => c[1..].ToLowerInvariant())];
    }

    /// <summary>The key of the workspace <paramref name="user"/> and <paramref name="cluster"/> name, when both are allowed.</summary>
    public bool TryValidate(string? user, string? cluster, [NotNullWhen(true)] out WorkspaceKey? key)
    {
        key = null;
        if (!IsUser(user) || cluster is null) return false;
        var normalized = cluster.ToLowerInvariant();
        if (!IsAllowedCluster(normalized)) return false;
        key = new WorkspaceKey(user, normalized);
        return true;
    }

    public bool IsUser([NotNullWhen(true)] string? user)
    {
        return !string.IsNullOrEmpty(user) && user.Length <= MaxUserLength && SafeUser().IsMatch(user)
            && !user.Contains("..", StringComparison.Ordinal) && _userPattern.IsMatch(user)
            && WorkspaceUserNames.IsDistinct(user, _options.CredentialSource);
    }

    /// <summary>
    /// Whether the workspaces of an allowed <paramref name="cluster"/> (lower-case) receive the users' credentials: when an
    /// exact entry allows it, or a wildcard entry that <see cref="WorkspaceOptions.CredentialWildcards"/> lists.
    /// </summary>
    public bool ReceivesCredentials(string cluster) =>
        IsAllowedCluster(cluster)
        && (_exactClusters.Contains(cluster, StringComparer.Ordinal) || _credentialSuffixes.Any(suffix => cluster.Length > suffix.Length && cluster.EndsWith(suffix, StringComparison.Ordinal)));

    public bool IsAllowedCluster(string cluster)
    {
        if (cluster.Length > MaxClusterLength || !HostName().IsMatch(cluster)) return false;
        foreach (var exact in _exactClusters)
        {
            if (string.Equals(exact, cluster, StringComparison.Ordinal)) return true;
        }

        foreach (var suffix in _clusterSuffixes)
        {
            if (cluster.Length > suffix.Length && cluster.EndsWith(suffix, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    public Uri GitRepoUrl(WorkspaceKey key) => Build(_options.GitRepoUrl!, key);

    public Uri? S3Endpoint(WorkspaceKey key) => string.IsNullOrWhiteSpace(_options.S3Endpoint) ? null : Build(_options.S3Endpoint, key);

    public Uri? S3UiUrl(WorkspaceKey key) => string.IsNullOrWhiteSpace(_options.S3UiUrl) ? null : Build(_options.S3UiUrl, key);

    /// <summary>Why a template cannot be used, or <see langword="null"/>.</summary>
    public static string? CheckTemplate(string template)
    {
        var schemeEnd = template.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return "must be an absolute http:// or https:// URL";
        var scheme = template[..schemeEnd];
        if (!string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase) && !string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase)) return "must be an http:// or https:// URL";
        if (Authority(template).Contains('@', StringComparison.Ordinal)) return "must not carry credentials (they come from the credential source)";
        if (template.Replace("{user}", string.Empty, StringComparison.Ordinal).Replace("{cluster}", string.Empty, StringComparison.Ordinal).Contains('{', StringComparison.Ordinal))
        {
            return "may only use the placeholders {user} and {cluster}";
        }

        try
        {
            _ = Build(template, new WorkspaceKey("user1", "apps.cluster.example"));
            return null;
        }
        catch (PromptWatchException e)
        {
            return e.Message;
        }
    }

    private static Uri Build(string template, WorkspaceKey key)
    {
        var text = Substitute(template, key);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.UserInfo.Length > 0)
        {
            throw new PromptWatchException("A workspace template does not give an absolute http:// or https:// URL without credentials.");
        }

        // The host is the template's host with the (validated) values in it, nothing else.
        var host = Substitute(Authority(template), key);
        var at = host.LastIndexOf(':');
        if (at > 0 && host[(at + 1)..].All(char.IsAsciiDigit)) host = host[..at];
        if (!string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            throw new PromptWatchException("A workspace template gives a URL whose host is not the template's host.");
        }

        return uri;
    }

    private static string Substitute(string template, WorkspaceKey key) =>
        template.Replace("{user}", key.User, StringComparison.Ordinal).Replace("{cluster}", key.Cluster, StringComparison.Ordinal);

    private static string Authority(string template)
    {
        var start = template.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = template.IndexOfAny(['/', '?', '#'], start);
        return end < 0 ? template[start..] : template[start..end];
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeUser();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
