using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>Adds <c>promptwatch:github-actions</c>, tagged <c>promptwatch</c> and <c>ready</c>, as <see cref="GitHubActionsOptions.HealthChecks"/> shapes it.</summary>
internal sealed class GitHubActionsHealthCheckRegistration(IOptions<GitHubActionsOptions> options) : IConfigureOptions<HealthCheckServiceOptions>
{
    public const string Name = "promptwatch:github-actions";

    public static readonly string[] Tags = ["promptwatch", "ready"];

    public void Configure(HealthCheckServiceOptions healthChecks) =>
        options.Value.HealthChecks.AddTo(healthChecks, Name, Tags, static services => ActivatorUtilities.GetServiceOrCreateInstance<GitHubActionsHealthCheck>(services));
}
