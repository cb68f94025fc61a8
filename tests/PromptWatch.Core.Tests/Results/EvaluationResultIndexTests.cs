using PromptWatch.Results;

namespace PromptWatch.Tests.Results;

/// <summary>Finding a commit's result files under any abbreviation of its sha.</summary>
public sealed class EvaluationResultIndexTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string OtherSha = "fedcba9876543210fedcba9876543210fedcba98";

    [Fact]
    public void A_full_sha_finds_files_under_abbreviations_of_7_12_and_40_characters()
    {
        var index = Index(
            $"{Sha[..7]}/a_results.html",
            $"{Sha[..12]}/b_results.html",
            $"{Sha}/c_results.html");

        var keys = index.Find(Sha).Select(static r => r.Key);

        Assert.Equal([$"{Sha[..7]}/a_results.html", $"{Sha[..12]}/b_results.html", $"{Sha}/c_results.html"], keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Files_of_other_commits_are_not_found()
    {
        var index = Index(
            $"{OtherSha[..7]}/a_results.html",
            $"{OtherSha}/b_results.html",
            "0123457/near_miss_results.html",
            $"{Sha[..15]}0/longer_near_miss_results.html",
            $"{Sha[..7]}/mine_results.html");

        var found = index.Find(Sha);

        Assert.Equal([$"{Sha[..7]}/mine_results.html"], found.Select(static r => r.Key));
        Assert.Equal(5, index.Count);
    }

    [Fact]
    public void An_upper_case_sha_finds_the_same_files()
    {
        var index = Index($"{Sha[..7]}/a_results.html", $"{Sha[..10].ToUpperInvariant()}/b.html");

        Assert.Equal(2, index.Find(Sha.ToUpperInvariant()).Length);
        Assert.Equal(2, index.Find(Sha).Length);
    }

    [Fact]
    public void Evaluations_come_first_across_abbreviation_folders()
    {
        var index = Index(
            $"{Sha[..7]}/benchmark-results.html",
            $"{Sha[..7]}/extra/notes.html",
            $"{Sha[..12]}/summarize_results.html",
            $"guidellm-benchmarks/{Sha}/benchmark-results.html",
            $"{Sha}/translate_results.html");

        var kinds = index.Find(Sha).Select(static r => r.Kind);

        Assert.Equal(
            [EvaluationResultKind.Evaluation, EvaluationResultKind.Evaluation, EvaluationResultKind.Benchmark, EvaluationResultKind.Benchmark, EvaluationResultKind.Other],
            kinds);
    }

    [Fact]
    public void The_empty_index_finds_nothing()
    {
        Assert.Empty(EvaluationResultIndex.Empty.Find(Sha));
        Assert.Equal(0, EvaluationResultIndex.Empty.Count);
    }

    private static EvaluationResultIndex Index(params string[] keys) =>
        new(keys.Select(static key => EvaluationResultLayout.Default.Classify(key) ?? throw new ArgumentException($"Not a result key: {key}", nameof(keys))));
}
