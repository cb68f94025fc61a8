using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace PromptWatch.Cli.Generation;

/// <summary>
/// A rule's attribute filter as PromQL label matchers. The engine matches each pattern against the whole value (a
/// missing attribute being the empty string), as PromQL's <c>=~</c> does (anchored; a missing label is empty). A pattern
/// without regular-expression characters becomes <c>=</c>; any other <c>=~</c>, unless it uses a .NET construct that
/// Prometheus' RE2 lacks or reads otherwise, which is reported instead of guessed.
/// </summary>
internal static partial class LabelMatchers
{
    private static readonly SearchValues<char> RegexCharacters = SearchValues.Create(@"\.^$|?*+()[]{}");

    /// <summary>The matchers, or the reason one pattern cannot be expressed.</summary>
    public static (string? Matchers, string? Problem) Translate(IReadOnlyDictionary<string, string> filter)
    {
        var matchers = new List<string>(filter.Count);
        foreach (var (attribute, pattern) in filter.OrderBy(static f => f.Key, StringComparer.Ordinal))
        {
            var label = PrometheusNames.Sanitize(attribute);
            if (pattern.AsSpan().IndexOfAny(RegexCharacters) < 0)
            {
                matchers.Add($"{label}=\"{Quote(pattern)}\"");
                continue;
            }

            if (Re2Unsupported().Match(pattern) is { Success: true } construct)
            {
                return (null, $"the pattern of '{attribute}' uses '{construct.Value}', which Prometheus' regular expressions (RE2) do not support");
            }

            matchers.Add($"{label}=~\"{Quote(pattern)}\"");
        }

        return (string.Join(',', matchers), null);
    }

    /// <summary>A PromQL double-quoted string's content.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    // .NET constructs RE2 lacks: lookarounds, atomic and named groups ((?<name>, (?'name'), conditionals, backreferences,
    // \G, \Z, \k, Unicode blocks (\p{IsGreek}), character-class subtraction ([a-z-[aeiou]]) and the n and x options.
    [GeneratedRegex(@"\(\?(<[=!]|[=!>]|<[A-Za-z_]|'|\()|\\[1-9GZk]|\\[pP]\{Is|-\[|\(\?[imsnx-]*[nx]", RegexOptions.CultureInvariant)]
    private static partial Regex Re2Unsupported();
}
