using System.Text.RegularExpressions;

namespace PromptWatch.GitHub.Counting;

/// <summary>Regular expressions matched anywhere in a name, ignoring case.</summary>
internal sealed class NamePatterns
{
    private readonly Regex[] _patterns;

    public NamePatterns(IEnumerable<string> patterns)
    {
        _patterns = [.. patterns.Select(static p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))];
    }

    public bool IsMatch(string? name) => !string.IsNullOrEmpty(name) && _patterns.Any(p => p.IsMatch(name));

    /// <summary>Why a pattern is not a valid regular expression, or <see langword="null"/>.</summary>
    public static string? Check(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return "is empty";
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
