using System.Text.RegularExpressions;
using PromptWatch.Parsing;

namespace PromptWatch.GitHub.Counting;

/// <summary>Regular expressions matched anywhere in a name, ignoring case.</summary>
internal sealed class NamePatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private readonly Regex[] _patterns;

    public NamePatterns(IEnumerable<string> patterns)
    {
        _patterns = [.. patterns.Select(static p => LinearRegex.Create(p, Options))];
    }

    public bool IsMatch(string? name) => !string.IsNullOrEmpty(name) && _patterns.Any(p => p.IsMatch(name));

    /// <summary>Why a pattern is not a valid regular expression, or <see langword="null"/>.</summary>
    public static string? Check(string pattern) => LinearRegex.Check(pattern, Options);
}
