namespace PromptWatch.GitHub.Rescans;

/// <summary>Compares repository locations: <c>https://github.com/o/r.git</c>, <c>git@github.com:o/r.git</c> and <c>ssh://git@github.com/o/r</c> are one.</summary>
internal static class RepositoryLocation
{
    /// <summary><c>host/owner/name</c> in lower case, or <see langword="null"/> for a local path.</summary>
    public static string? Normalize(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return null;
        var text = location.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git")
        {
            text = uri.Host + uri.AbsolutePath;
        }
        else if (text.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 && text.IndexOf(':', StringComparison.Ordinal) > at)
        {
            // scp-like: user@host:owner/name.git
            text = text[(at + 1)..].Replace(':', '/');
        }
        else
        {
            return null;
        }

        text = text.TrimEnd('/');
        if (text.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) text = text[..^4];
        return text.ToLowerInvariant();
    }
}
