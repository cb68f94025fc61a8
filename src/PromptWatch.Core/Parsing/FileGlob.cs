using System.Text;
using System.Text.RegularExpressions;

namespace PromptWatch.Parsing;

/// <summary>
/// A path pattern: <c>*</c> matches within one folder name, <c>**</c> across folders,
/// <c>?</c> one character. Matching is on forward-slash paths, case-sensitive unless asked otherwise.
/// </summary>
internal sealed class FileGlob
{
    private readonly Regex _regex;

    /// <summary>Creates a glob.</summary>
    /// <param name="pattern">The pattern, for example <c>**/*.yaml</c> or <c>chart/values-*.yaml</c>.</param>
    public FileGlob(string pattern)
        : this(pattern, ignoreCase: false)
    {
    }

    /// <summary>Creates a glob that may ignore case.</summary>
    /// <param name="pattern">The pattern, for example <c>**/*.yaml</c> or <c>*secret*</c>.</param>
    /// <param name="ignoreCase">Whether <c>Secret.KEY</c> matches <c>*secret*</c> and <c>*.key</c>.</param>
    public FileGlob(string pattern, bool ignoreCase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        // Linear-time matching: a pattern with several stars never backtracks over a long path.
        _regex = LinearRegex.Create(ToRegex(pattern), RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
    }

    /// <summary>The pattern as given.</summary>
    public string Pattern { get; }

    /// <summary>Whether <paramref name="path"/> matches.</summary>
    /// <param name="path">A repository-relative path with forward slashes.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool IsMatch(string path) => _regex.IsMatch(path);

    /// <inheritdoc />
    public override string ToString() => Pattern;

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slashFollows = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
