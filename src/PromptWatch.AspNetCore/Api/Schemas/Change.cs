using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>One change of a use case, as <c>api/changes</c> serves it (the API document's schema; the bytes are written by the timeline view).</summary>
internal sealed record Change(
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("usecase")] string? UseCase,
    [property: JsonPropertyName("kind")] ChangeKindName Kind,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("prompt")] string? Prompt,
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("temperature")] double? Temperature,
    [property: JsonPropertyName("top_k")] int? TopK,
    [property: JsonPropertyName("top_p")] double? TopP,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens,
    [property: JsonPropertyName("extras")] IReadOnlyDictionary<string, string> Extras,
    [property: JsonPropertyName("commit_hash")] string CommitHash,
    [property: JsonPropertyName("commit_sha")] string CommitSha,
    [property: JsonPropertyName("commit_date")] DateTimeOffset CommitDate,
    [property: JsonPropertyName("commit_message")] string CommitMessage,
    [property: JsonPropertyName("commit_author_name")] string CommitAuthorName,
    [property: JsonPropertyName("commit_author_email")] string CommitAuthorEmail,
    [property: JsonPropertyName("file_path")] string FilePath,
    [property: JsonPropertyName("changed_fields")] IReadOnlyList<string> ChangedFields,
    [property: JsonPropertyName("previous_values")] IReadOnlyDictionary<string, string?> PreviousValues,
    [property: JsonPropertyName("previous_commit_sha")] string? PreviousCommitSha,
    [property: JsonPropertyName("is_latest")] bool IsLatest,
    [property: JsonPropertyName("diff")] IReadOnlyList<DiffRow>? Diff,
    [property: JsonPropertyName("error")] ConfigErrorInfo? Error,
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("show_enabled")] bool ShowEnabled,
    [property: JsonPropertyName("has_eval_results")] bool? HasEvalResults,
    [property: JsonPropertyName("eval_results_status")] EvaluationStatusName EvalResultsStatus,
    [property: JsonPropertyName("eval_results_url")] string? EvalResultsUrl,
    [property: JsonPropertyName("eval_direct_url")] string? EvalDirectUrl,
    [property: JsonPropertyName("eval_results")] IReadOnlyList<EvaluationLink> EvalResults);
