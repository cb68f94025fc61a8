using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PromptWatch.GitHub.Hosting;

/// <summary>Adds <c>promptwatch:github</c>, tagged <c>promptwatch</c> and <c>ready</c>, as <see cref="GitHubWebhookOptions.HealthChecks"/> shapes it.</summary>
internal sealed class GitHubHealthCheckRegistration(IOptions<GitHubWebhookOptions> options) : IConfigureOptions<HealthCheckServiceOptions>
{
    /// <summary>The check's default name.</summary>
    public const string Name = "promptwatch:github";

    /// <summary>The check's default tags.</summary>
    public static readonly string[] Tags = ["promptwatch", "ready"];

    public void Configure(HealthCheckServiceOptions healthChecks) =>
        options.Value.HealthChecks.AddTo(healthChecks, Name, Tags, static services => ActivatorUtilities.GetServiceOrCreateInstance<GitHubWebhookHealthCheck>(services));
}
