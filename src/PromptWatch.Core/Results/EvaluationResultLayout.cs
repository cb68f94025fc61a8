using System.Text.RegularExpressions;

namespace PromptWatch.Results;

/// <summary>
/// How result files are laid out by commit: <c>&lt;commit&gt;/&lt;usecase&gt;_results.html</c> (evaluation),
/// <c>&lt;commit&gt;/&lt;usecase&gt;.html</c>, <c>&lt;commit&gt;/&lt;usecase&gt;-benchmark-results.html</c>,
/// <c>&lt;commit&gt;/benchmark-results.html</c> and <c>guidellm-benchmarks/&lt;commit&gt;/benchmark-results.html</c>
/// (benchmark), any other <c>.html</c> under a commit folder (other). A commit folder is any hex
/// abbreviation of 7 to 40 characters.
/// </summary>
public static partial class EvaluationResultLayout
{
    /// <summary>Classifies a store key, or returns <see langword="null"/> for a key outside the layout.</summary>
    /// <param name="key">A relative path with forward slashes.</param>
    /// <param name="size">The file's size, if known.</param>
    /// <returns>The result, or <see langword="null"/>.</returns>
    public static EvaluationResult? Classify(string key, long? size = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var match = KeyPattern().Match(key);
        if (!match.Success) return null;
        var commit = match.Groups["commit"].Value.ToLowerInvariant();
        var file = match.Groups["file"].Value;
        var name = file[..^".html".Length];

        if (match.Groups["guidellm"].Success)
        {
            return name == "benchmark-results" ? new(key, commit, null, EvaluationResultKind.Benchmark, "Benchmark (GuideLLM)", size) : null;
        }

        if (name.EndsWith("_results", StringComparison.Ordinal) && name.Length > "_results".Length)
        {
            var useCase = name[..^"_results".Length];
            return new(key, commit, useCase, EvaluationResultKind.Evaluation, $"Evaluation: {useCase}", size);
        }

        if (name == "benchmark-results") return new(key, commit, null, EvaluationResultKind.Benchmark, "Benchmark", size);
        if (name.EndsWith("-benchmark-results", StringComparison.Ordinal))
        {
            var useCase = name[..^"-benchmark-results".Length];
            return new(key, commit, useCase, EvaluationResultKind.Benchmark, $"Benchmark: {useCase}", size);
        }

        return new(key, commit, name, EvaluationResultKind.Other, name, size);
    }

    [GeneratedRegex("^(?:(?<guidellm>guidellm-benchmarks)/)?(?<commit>[0-9a-fA-F]{7,40})/(?<file>[^/]+\\.html)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
