using System.Text;
using PromptWatch.Results;

namespace PromptWatch.Tests.Results;

/// <summary>Reading score files: the documented metrics shape and lm-evaluation-harness's results JSON as it writes it.</summary>
public sealed class ScoreFileReaderTests
{
    // The shape lm-evaluation-harness 0.4 writes (trimmed to two tasks): filters after a comma, stderr beside each metric, an alias.
    private const string Harness = """
        {
          "results": {
            "hellaswag": {
              "alias": "hellaswag",
              "acc,none": 0.5716988647679745,
              "acc_stderr,none": 0.004938263722426357,
              "acc_norm,none": 0.7510456084445329,
              "acc_norm_stderr,none": 0.0043147624013325
            },
            "gsm8k": {
              "alias": "gsm8k",
              "exact_match,strict-match": 0.3601213040181956,
              "exact_match_stderr,strict-match": "N/A",
              "exact_match,flexible-extract": 0.3684609552691433,
              "exact_match_stderr,flexible-extract": 0.013287342651674
            }
          },
          "group_subtasks": {"hellaswag": [], "gsm8k": []},
          "configs": {"hellaswag": {"task": "hellaswag"}},
          "versions": {"hellaswag": 1.0, "gsm8k": 3.0},
          "n-shot": {"hellaswag": 0, "gsm8k": 5},
          "config": {"model": "hf", "batch_size": 8},
          "git_hash": "4600d6b"
        }
        """;

    [Fact]
    public void The_documented_shape_gives_numbers_and_objects_with_a_direction()
    {
        var file = Parse("""{"metrics": {"faithfulness": 0.82, "latency_ms": {"value": 930, "direction": "lower"}, "recall": {"value": 0.5, "stderr": 0.02}}}""");
        Assert.Null(file.Error);
        Assert.Equal(
            [new ScoreMetric("faithfulness", 0.82, ScoreDirection.Higher), new ScoreMetric("latency_ms", 930, ScoreDirection.Lower), new ScoreMetric("recall", 0.5, ScoreDirection.Higher, 0.02)],
            file.Metrics);
    }

    [Fact]
    public void Harness_results_are_task_slash_metric_with_their_stderr_and_non_numbers_skipped()
    {
        var file = Parse(Harness);
        Assert.Null(file.Error);
        Assert.Equal(
            [
                new ScoreMetric("hellaswag/acc,none", 0.5716988647679745, ScoreDirection.Higher, 0.004938263722426357),
                new ScoreMetric("hellaswag/acc_norm,none", 0.7510456084445329, ScoreDirection.Higher, 0.0043147624013325),
                new ScoreMetric("gsm8k/exact_match,strict-match", 0.3601213040181956, ScoreDirection.Higher),
                new ScoreMetric("gsm8k/exact_match,flexible-extract", 0.3684609552691433, ScoreDirection.Higher, 0.013287342651674),
            ],
            file.Metrics);
    }

    [Theory]
    [InlineData("{\"metrics\": ", "not valid JSON")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"scores\": {}}", "neither a \"metrics\" nor a \"results\"")]
    [InlineData("{\"metrics\": [0.5]}", "\"metrics\" is not an object")]
    [InlineData("{\"metrics\": {\"f\": \"high\"}}", "\"f\" is neither a number")]
    [InlineData("{\"metrics\": {\"f\": {\"value\": 1, \"direction\": \"up\"}}}", "direction other than")]
    [InlineData("{\"metrics\": {\"f\": 1, \"f\": 2}}", "\"f\" appears twice")]
    public void A_malformed_file_is_an_error_that_says_why(string json, string reason)
    {
        var file = Parse(json);
        Assert.Empty(file.Metrics);
        Assert.Contains(reason, file.Error, StringComparison.Ordinal);
    }

    private static ScoreFile Parse(string json) => ScoreFileReader.Parse(Encoding.UTF8.GetBytes(json));
}
