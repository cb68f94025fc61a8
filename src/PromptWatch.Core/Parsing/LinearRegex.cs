using System.Text.RegularExpressions;

namespace PromptWatch.Parsing;

/// <summary>
/// Regular expressions from configuration, matched in time linear in the input by .NET's non-backtracking engine.
/// No match can run away, so no match needs a timeout: a timeout measured on the wall clock fails a match
/// whenever the process is slow (a busy machine, the first match's JIT), and a key or name would then be
/// classified by whatever rule comes next. Patterns that need backtracking (lookarounds, backreferences,
/// atomic groups, conditionals) are refused with the reason.
/// </summary>
internal static class LinearRegex
{
    /// <summary>Creates the regular expression.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="options">Options besides <see cref="RegexOptions.NonBacktracking"/>.</param>
    /// <returns>The regular expression.</returns>
    /// <exception cref="ArgumentException">The pattern is empty, not a valid regular expression, or needs backtracking.</exception>
    public static Regex Create(string pattern, RegexOptions options = RegexOptions.None) =>
        TryCreate(pattern, options, out var problem, out var cause) ?? throw new ArgumentException(problem, nameof(pattern), cause);

    /// <summary>Why <paramref name="pattern"/> cannot be used, or <see langword="null"/> when it can.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="options">Options besides <see cref="RegexOptions.NonBacktracking"/>.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? Check(string pattern, RegexOptions options = RegexOptions.None) =>
        TryCreate(pattern, options, out var problem, out _) is null ? problem : null;

    /// <summary>The regular expression, or <see langword="null"/> with the reason in <paramref name="problem"/>.</summary>
    internal static Regex? TryCreate(string pattern, RegexOptions options, out string? problem, out Exception? cause)
    {
        problem = null;
        cause = null;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            problem = "The regular expression is empty.";
            return null;
        }

        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException e)
        {
            problem = $"The regular expression '{pattern}' needs backtracking (a lookaround, backreference, atomic group or conditional); patterns are matched in linear time without it.";
            cause = e;
        }
        catch (ArgumentException e)
        {
            problem = $"'{pattern}' is not a valid regular expression: {e.Message}";
            cause = e;
        }

        return null;
    }
}
