namespace PromptWatch.Results;

/// <summary>
/// One way result files are named: a regular expression over a store key, with a named group <c>commit</c>
/// (a hex abbreviation of 7 to 40 characters of the commit's sha) and optionally <c>usecase</c>.
/// </summary>
public sealed class EvaluationResultPattern
{
    /// <summary>The regular expression, matched against the whole key (anchor it with <c>^...$</c>).</summary>
    public string Pattern { get; set; } = string.Empty;

    /// <summary>What a matching file reports.</summary>
    public EvaluationResultKind Kind { get; set; } = EvaluationResultKind.Other;

    /// <summary>The name shown for a matching file; <c>{usecase}</c> and <c>{file}</c> (the file name without extension) are replaced.</summary>
    public string DisplayName { get; set; } = "{file}";
}
