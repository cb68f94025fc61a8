namespace PromptWatch.GitHub.Pipelines;

/// <summary>Sits under every request to GitHub's API and hands each answer to <see cref="GitHubApiTraffic"/> and the metrics.</summary>
internal sealed class GitHubTrafficHandler(GitHubApiTraffic traffic, GitHubActionsMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        traffic.Observe(response);
        metrics.Request((int)response.StatusCode);
        return response;
    }
}
