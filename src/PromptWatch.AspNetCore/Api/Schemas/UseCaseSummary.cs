using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>
/// A use case in one environment with its latest state, as <c>api/usecases</c> lists it; <c>deployed</c> only while the
/// pipeline monitor is registered (<c>AddPipelines()</c>), null when nothing is deployed there.
/// </summary>
internal sealed record UseCaseSummary(
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("usecase")] string UseCase,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("removed")] bool Removed,
    [property: JsonPropertyName("changes")] int Changes,
    [property: JsonPropertyName("last_commit_sha")] string LastCommitSha,
    [property: JsonPropertyName("last_commit_date")] DateTimeOffset LastCommitDate,
    [property: JsonPropertyName("deployed")] UseCaseDeployment? Deployed);
