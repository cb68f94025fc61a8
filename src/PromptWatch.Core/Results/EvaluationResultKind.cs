namespace PromptWatch.Results;

/// <summary>What a result file reports.</summary>
public enum EvaluationResultKind
{
    /// <summary>An evaluation report (<c>&lt;usecase&gt;_results.html</c>).</summary>
    Evaluation,

    /// <summary>A benchmark report (<c>benchmark-results.html</c> and its variants).</summary>
    Benchmark,

    /// <summary>Any other HTML file under a commit's folder.</summary>
    Other,

    /// <summary>The numbers of an evaluation (<c>&lt;usecase&gt;_results.json</c>), read into scores; never a link.</summary>
    Scores,
}
