using PromptWatch.Results;

namespace PromptWatch.Tests.Results;

/// <summary>Which store keys are result files, and what each one reports.</summary>
public sealed class EvaluationResultLayoutTests
{
    [Theory]
    [InlineData("abc1234/summarize_results.html", "summarize", EvaluationResultKind.Evaluation, "Evaluation: summarize")]
    [InlineData("abc1234/summarize.html", "summarize", EvaluationResultKind.Other, "summarize")]
    [InlineData("abc1234/summarize-benchmark-results.html", "summarize", EvaluationResultKind.Benchmark, "Benchmark: summarize")]
    [InlineData("abc1234/benchmark-results.html", null, EvaluationResultKind.Benchmark, "Benchmark")]
    [InlineData("guidellm-benchmarks/abc1234/benchmark-results.html", null, EvaluationResultKind.Benchmark, "Benchmark (GuideLLM)")]
    public void Each_documented_layout_is_classified(string key, string? useCase, EvaluationResultKind kind, string displayName)
    {
        var result = EvaluationResultLayout.Classify(key, 42);

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

        var result = EvaluationResultLayout.Classify($"{folder}/summarize_results.html");

        Assert.NotNull(result);
        Assert.Equal(folder, result.CommitPrefix);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(41)]
    public void A_commit_folder_shorter_than_7_or_longer_than_40_is_rejected(int length)
    {
        Assert.Null(EvaluationResultLayout.Classify($"{new string('a', length)}/summarize_results.html"));
        Assert.Null(EvaluationResultLayout.Classify($"guidellm-benchmarks/{new string('a', length)}/benchmark-results.html"));
    }

    [Fact]
    public void An_upper_case_commit_folder_is_normalized_and_the_key_is_kept()
    {
        var result = EvaluationResultLayout.Classify("ABCDEF1/summarize_results.html");

        Assert.NotNull(result);
        Assert.Equal("abcdef1", result.CommitPrefix);
        Assert.Equal("ABCDEF1/summarize_results.html", result.Key);
    }

    [Theory]
    [InlineData("abc1234/summarize_results.txt")]
    [InlineData("abc1234/summarize_results.html.bak")]
    [InlineData("abc1234/deeper/summarize_results.html")]
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
        Assert.Null(EvaluationResultLayout.Classify(key));
    }
}
