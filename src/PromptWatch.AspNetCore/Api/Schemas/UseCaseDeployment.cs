using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>
/// <c>api/usecases</c>' <c>deployed</c> (with the pipeline monitor registered): the use case's version live in its
/// environment (<c>sha</c>, null when the watched repository does not have the deployed commit), the commit deployed,
/// where, when, by which deployment and run.
/// </summary>
internal sealed record UseCaseDeployment(
    [property: JsonPropertyName("sha")] string? Sha,
    [property: JsonPropertyName("deployed_sha")] string DeployedSha,
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("deployment_id")] long DeploymentId,
    [property: JsonPropertyName("run")] DeploymentRun? Run);

/// <summary>The run that deployed: its id and page.</summary>
internal sealed record DeploymentRun(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("url")] string? Url);
