using PromptWatch.Results;

namespace PromptWatch.Tests.Results;

/// <summary>Which store keys are result files, and what each one reports.</summary>
public sealed class EvaluationResultLayoutTests
{
    [Theory]
    [InlineData("abc1234/summarize_results.html", "summarize", EvaluationResultKind.Evaluation, "Evaluation: summarize")]
    [InlineData("abc1234/summarize.html", "summarize", EvaluationResultKind.Benchmark, "Benchmark: summarize")]
    [InlineData("abc1234/extra/notes.html", null, EvaluationResultKind.Other, "notes")]
    [InlineData("abc1234/summarize-benchmark-results.html", "summarize", EvaluationResultKind.Benchmark, "Benchmark: summarize")]
    [InlineData("abc1234/benchmark-results.html", null, EvaluationResultKind.Benchmark, "Benchmark")]
    [InlineData("guidellm-benchmarks/abc1234/benchmark-results.html", null, EvaluationResultKind.Benchmark, "Benchmark (GuideLLM)")]
    public void Each_documented_layout_is_classified(string key, string? useCase, EvaluationResultKind kind, string displayName)
    {
        var result = EvaluationResultLayout.Default.Classify(key, 42);

        Assert.NotNull(result);
        Assert.Equal(key, result.Key);
        Assert.Equal("abc1234", result.CommitPrefix);
        Assert.Equal(useCase, result.UseCase);
        Assert.Equal(kind, result.Kind);
        Assert.Equal(displayName, result.DisplayName);
        Assert.Equal(42, result.Size);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(40)]
    public void A_commit_folder_of_7_to_40_hex_characters_is_accepted(int length)
    {
        var folder = new string('a', length - 1) + "0";

        var result = EvaluationResultLayout.Default.Classify($"{folder}/summarize_results.html");

        Assert.NotNull(result);
        Assert.Equal(folder, result.CommitPrefix);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(41)]
    public void A_commit_folder_shorter_than_7_or_longer_than_40_is_rejected(int length)
    {
        Assert.Null(EvaluationResultLayout.Default.Classify($"{new string('a', length)}/summarize_results.html"));
        Assert.Null(EvaluationResultLayout.Default.Classify($"guidellm-benchmarks/{new string('a', length)}/benchmark-results.html"));
    }

    [Fact]
    public void An_upper_case_commit_folder_is_normalized_and_the_key_is_kept()
    {
        var result = EvaluationResultLayout.Default.Classify("ABCDEF1/summarize_results.html");

        Assert.NotNull(result);
        Assert.Equal("abcdef1", result.CommitPrefix);
        Assert.Equal("ABCDEF1/summarize_results.html", result.Key);
    }

    [Theory]
    [InlineData("abc1234/summarize_results.txt")]
    [InlineData("abc1234/summarize_results.html.bak")]
    [InlineData("abc1234/deeper/still/summarize_results.html")]
    [InlineData("reports/abc1234/summarize_results.html")]
    [InlineData("guidellm-benchmarks/abc1234/deeper/benchmark-results.html")]
    [InlineData("guidellm-benchmarks/abc1234/summarize_results.html")]
    [InlineData("summarize_results.html")]
    [InlineData("abcdefg/summarize_results.html")]
    [InlineData("/abc1234/summarize_results.html")]
    [InlineData("../abc1234/summarize_results.html")]
    [InlineData("")]
    public void Keys_outside_the_layout_are_rejected(string key)
    {
        Assert.Null(EvaluationResultLayout.Default.Classify(key));
    }

    [Fact]
    public void A_layout_of_its_own_classifies_with_its_patterns_in_order()
    {
        var layout = new EvaluationResultLayout(
        [
            new() { Pattern = "^evals/(?<commit>[0-9a-f]{7,40})/(?<usecase>[a-z-]+)\\.html$", Kind = EvaluationResultKind.Evaluation, DisplayName = "Eval of {usecase}" },
            new() { Pattern = "^perf/(?<commit>[0-9a-f]{7,40})\\.html$", Kind = EvaluationResultKind.Benchmark, DisplayName = "Load test" },
        ]);

        var evaluation = layout.Classify("evals/abc1234/summarize.html");
        Assert.Equal(("summarize", EvaluationResultKind.Evaluation, "Eval of summarize"), (evaluation?.UseCase, evaluation?.Kind, evaluation?.DisplayName));
        Assert.Equal(("abc1234", "Load test"), (layout.Classify("perf/abc1234.html")?.CommitPrefix, layout.Classify("perf/abc1234.html")?.DisplayName));
        Assert.Null(layout.Classify("abc1234/summarize_results.html"));
    }

    [Theory]
    [InlineData("^(?<usecase>[a-z]+)\\.html$", "no 'commit' group")]
    [InlineData("^(?<commit>[0-9a-f]{7,40}/(unclosed$", "not a valid regular expression")]
    [InlineData("", "empty")]
    [InlineData("^(?<commit>[0-9a-f]{7,40})/(?!draft)(?<usecase>[^/]+)\\.html$", "needs backtracking")]
    [InlineData("^(?<commit>[0-9a-f]{7,40})/(?<usecase>[a-z]+)-\\k<usecase>\\.html$", "needs backtracking")]
    public void Unusable_patterns_are_refused_with_the_reason(string pattern, string reason)
    {
        var problem = EvaluationResultLayout.Check(new EvaluationResultPattern { Pattern = pattern });
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        // A sentence for the person who wrote the setting, not the name of a method's parameter.
        Assert.DoesNotContain("Parameter", problem, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EvaluationResultLayout([new EvaluationResultPattern { Pattern = pattern }]));
    }

    [Fact]
    public void A_key_is_classified_by_the_first_matching_pattern_however_long_a_backtracking_engine_would_take()
    {
        // A backtracking engine tries (a|aa)+c in about 1.6^40 ways before the second alternative; a match that ran past a
        // timeout would hand the key to the next pattern. Classification must not depend on time.
        var layout = new EvaluationResultLayout(
        [
            new() { Pattern = "^(?<commit>[0-9a-f]{7})/(?:(a|aa)+c|a+b)\\.html$", Kind = EvaluationResultKind.Evaluation },
            new() { Pattern = "^(?<commit>[0-9a-f]{7})/.+$", Kind = EvaluationResultKind.Other },
        ]);

        var result = layout.Classify($"abc1234/{new string('a', 40)}b.html");

        Assert.Equal(EvaluationResultKind.Evaluation, result?.Kind);
        Assert.Equal(EvaluationResultKind.Other, layout.Classify($"abc1234/{new string('a', 40)}d.html")?.Kind);
    }
}
