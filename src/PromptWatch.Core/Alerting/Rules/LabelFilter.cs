using System.Text.RegularExpressions;
using PromptWatch.Parsing;

namespace PromptWatch.Alerting.Rules;

/// <summary>
/// A rule's filter compiled once: every attribute's pattern must match its whole value (a missing attribute is the
/// empty string), in linear time (<see cref="LinearRegex"/>).
/// </summary>
internal sealed class LabelFilter
{
    private readonly (string Name, Regex Pattern)[] _patterns;

    public LabelFilter(IReadOnlyDictionary<string, string>? filter)
    {
        _patterns = filter is null ? [] : [.. filter.Select(static f => (f.Key, Anchored(f.Value)))];
    }

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>Compiles a pattern to match whole values.</summary>
    public static Regex Anchored(string pattern) => LinearRegex.Create($"^(?:{pattern})$", RegexOptions.CultureInvariant);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Matches(labels, ignoreMissing: false);

    /// <summary>Whether every pattern matches; with <paramref name="ignoreMissing"/>, attributes the labels lack are skipped (clearing events).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels, bool ignoreMissing)
    {
        foreach (var (name, pattern) in _patterns)
        {
            if (!labels.TryGetValue(name, out var value))
            {
                if (ignoreMissing) continue;
                value = string.Empty;
            }

            if (!pattern.IsMatch(value)) return false;
        }

        return true;
    }
}
