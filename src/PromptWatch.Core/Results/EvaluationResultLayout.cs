using System.Text.RegularExpressions;
using PromptWatch.Parsing;

namespace PromptWatch.Results;

/// <summary>
/// How result files are laid out by commit: an ordered list of <see cref="EvaluationResultPattern"/>s, the
/// first that matches a key wins. <see cref="Default"/> is the layout evaluation pipelines write:
/// <c>&lt;commit&gt;/&lt;usecase&gt;_results.html</c> (evaluation), <c>&lt;commit&gt;/&lt;usecase&gt;_results.json</c> (scores), <c>&lt;commit&gt;/&lt;usecase&gt;.html</c>,
/// <c>&lt;commit&gt;/&lt;usecase&gt;-benchmark-results.html</c>, <c>&lt;commit&gt;/benchmark-results.html</c> and
/// <c>guidellm-benchmarks/&lt;commit&gt;/benchmark-results.html</c> (benchmark), and any <c>.html</c> one folder further
/// down, <c>&lt;commit&gt;/&lt;folder&gt;/&lt;name&gt;.html</c> (other). A commit folder is any hex abbreviation of 7 to 40 characters.
/// </summary>
public sealed class EvaluationResultLayout
{
    private const string Commit = "(?<commit>[0-9a-fA-F]{7,40})";
    private readonly (Regex Regex, EvaluationResultPattern Pattern)[] _patterns;

    /// <summary>Creates a layout from patterns, tried in order.</summary>
    /// <param name="patterns">The patterns; each needs a <c>commit</c> group.</param>
    /// <exception cref="ArgumentException">A pattern is not a valid regular expression or has no <c>commit</c> group.</exception>
    public EvaluationResultLayout(IEnumerable<EvaluationResultPattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        Patterns = [.. patterns];
        if (Patterns.Count == 0) throw new ArgumentException("A layout needs at least one pattern.", nameof(patterns));
        _patterns = [.. Patterns.Select(static p => (Compile(p), p))];
    }

    /// <summary>The layout evaluation pipelines write (see the class remarks).</summary>
    public static EvaluationResultLayout Default { get; } = new(
    [
        new() { Pattern = $"^guidellm-benchmarks/{Commit}/benchmark-results\\.html$", Kind = EvaluationResultKind.Benchmark, DisplayName = "Benchmark (GuideLLM)" },
        new() { Pattern = $"^{Commit}/benchmark-results\\.html$", Kind = EvaluationResultKind.Benchmark, DisplayName = "Benchmark" },
        new() { Pattern = $"^{Commit}/(?<usecase>[^/]+)_results\\.html$", Kind = EvaluationResultKind.Evaluation, DisplayName = "Evaluation: {usecase}" },
        new() { Pattern = $"^{Commit}/(?<usecase>[^/]+)_results\\.json$", Kind = EvaluationResultKind.Scores, DisplayName = "Scores: {usecase}" },
        new() { Pattern = $"^{Commit}/(?<usecase>[^/]+)-benchmark-results\\.html$", Kind = EvaluationResultKind.Benchmark, DisplayName = "Benchmark: {usecase}" },
        new() { Pattern = $"^{Commit}/(?<usecase>[^/]+)\\.html$", Kind = EvaluationResultKind.Benchmark, DisplayName = "Benchmark: {usecase}" },
        new() { Pattern = $"^{Commit}/[^/]+/[^/]+\\.html$", Kind = EvaluationResultKind.Other, DisplayName = "{file}" },
    ]);

    /// <summary>The patterns, in the order they are tried.</summary>
    public IReadOnlyList<EvaluationResultPattern> Patterns { get; }

    /// <summary>Checks that <paramref name="pattern"/> can be used: a valid regular expression with a <c>commit</c> group.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>Why it cannot, or <see langword="null"/>.</returns>
    public static string? Check(EvaluationResultPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return TryCompile(pattern, out var problem) is null ? problem : null;
    }

    /// <summary>Classifies a store key, or returns <see langword="null"/> for a key outside the layout.</summary>
    /// <param name="key">A relative path with forward slashes.</param>
    /// <param name="size">The file's size, if known.</param>
    /// <returns>The result, or <see langword="null"/>.</returns>
    public EvaluationResult? Classify(string key, long? size = null) => ClassifyListed(key, size, null);

    /// <summary>Classifies a store key with the version its listing gave, or returns <see langword="null"/> for a key outside the layout.</summary>
    /// <param name="key">A relative path with forward slashes.</param>
    /// <param name="size">The file's size, if known.</param>
    /// <param name="version">The file's version (an ETag), if known.</param>
    /// <returns>The result, or <see langword="null"/>.</returns>
    internal EvaluationResult? ClassifyListed(string key, long? size, string? version)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var (regex, pattern) in _patterns)
        {
            var match = regex.Match(key);
            if (!match.Success) continue;
            var commit = match.Groups["commit"].Value;
            if (commit.Length is < 7 or > 40 || !commit.All(char.IsAsciiHexDigit)) continue;
            var useCase = match.Groups["usecase"] is { Success: true, Length: > 0 } group ? group.Value : null;
            var file = Path.GetFileNameWithoutExtension(key);
            var name = pattern.DisplayName.Replace("{usecase}", useCase ?? file, StringComparison.Ordinal).Replace("{file}", file, StringComparison.Ordinal);
            return new EvaluationResult(key, commit.ToLowerInvariant(), useCase, pattern.Kind, name, size) { Version = version };
        }

        return null;
    }

    private static Regex Compile(EvaluationResultPattern pattern) =>
        TryCompile(pattern, out var problem) ?? throw new ArgumentException(problem, nameof(pattern));

    private static Regex? TryCompile(EvaluationResultPattern pattern, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(pattern.Pattern))
        {
            problem = "A result pattern is empty.";
            return null;
        }

        // Linear time, so classifying a key never depends on how busy the machine is.
        var regex = LinearRegex.TryCreate(pattern.Pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, out var reason, out _);
        if (regex is null)
        {
            problem = $"The result pattern is unusable: {reason}";
            return null;
        }

        if (!regex.GetGroupNames().Contains("commit"))
        {
            problem = $"The result pattern '{pattern.Pattern}' has no 'commit' group.";
            return null;
        }

        return regex;
    }
}
