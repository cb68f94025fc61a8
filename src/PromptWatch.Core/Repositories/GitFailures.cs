using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace PromptWatch.Repositories;

/// <summary>Turns LibGit2Sharp failures into one clear sentence without secrets.</summary>
internal static partial class GitFailures
{
    public static PromptWatchException Describe(string action, string displayName, Exception exception, RepositoryCredentials? credentials)
    {
        var detail = exception.Message;
        if (credentials is not null && credentials.Password.Length > 0)
        {
            detail = detail.Replace(credentials.Password, "***", StringComparison.Ordinal);
        }

        // Classify by libgit2's own words, not by the paths and URLs it quotes: a folder named 'a401' or 'connect'
        // must not turn a missing repository into an authentication failure.
        var lower = PathsAndUrls().Replace(detail, " ").ToLowerInvariant();
        var authentication =
            lower.Contains("401", StringComparison.Ordinal)
            || lower.Contains("403", StringComparison.Ordinal)
            || lower.Contains("authentication", StringComparison.Ordinal)
            || lower.Contains("credentials", StringComparison.Ordinal);
        var reason =
            authentication
                ? "authentication failed (check the user name and password or token)"
            : exception is RepositoryNotFoundException
              || lower.Contains("404", StringComparison.Ordinal)
              || lower.Contains("not found", StringComparison.Ordinal)
              || lower.Contains("no such file", StringComparison.Ordinal)
              || lower.Contains("not a git repository", StringComparison.Ordinal)
                ? "the repository was not found (" + detail.TrimEnd('.') + ")"
            : lower.Contains("resolve", StringComparison.Ordinal)
              || lower.Contains("connect", StringComparison.Ordinal)
              || lower.Contains("timed out", StringComparison.Ordinal)
              || lower.Contains("unreachable", StringComparison.Ordinal)
                ? "the server could not be reached (" + detail.TrimEnd('.') + ")"
            : detail.TrimEnd('.');
        return new PromptWatchException($"Could not {action} {displayName}: {reason}.", exception) { IsAuthenticationFailure = authentication };
    }

    // A quoted text, a URL, or a word starting with '/' (an absolute path).
    [GeneratedRegex(@"'[^']*'|""[^""]*""|\b[A-Za-z][A-Za-z0-9+.-]*://\S+|(?<=^|\s)/\S+", RegexOptions.CultureInvariant)]
    private static partial Regex PathsAndUrls();
}
