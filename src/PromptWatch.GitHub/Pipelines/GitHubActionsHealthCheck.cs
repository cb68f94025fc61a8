using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.Pipelines;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// <c>promptwatch:github-actions</c>: the host's failure status (Degraded unless it chose another in <see cref="GitHubActionsOptions.HealthChecks"/>) while
/// GitHub refuses the token (401), the token lacks permissions (403), the rate limit is used up or the API cannot be
/// reached, with GitHub's reason (never the token); the remaining rate limit in its data.
/// </summary>
internal sealed class GitHubActionsHealthCheck(GitHubApiTraffic traffic, IOptions<GitHubActionsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Dictionary<string, object>
        {
            ["repositories"] = options.Value.Repositories.ToArray(),
            ["requests_counted"] = traffic.Counted,
            ["requests_not_modified"] = traffic.NotModified,
        };
        var (remaining, limit, reset) = traffic.RateLimit;
        if (remaining is { } r) data["rate_limit_remaining"] = r;
        if (limit is { } l) data["rate_limit"] = l;
        if (reset is { } s) data["rate_limit_reset"] = s;
        var status = options.Value.HealthChecks.FailureStatus ?? HealthStatus.Degraded;
        if (traffic.Failure is { } failure)
        {
            data["failure"] = failure.Failure.ToString();
            data["failing_since"] = failure.At;
            return Task.FromResult(new HealthCheckResult(status, $"GitHub Actions: {failure.Reason}", data: data));
        }

        if (remaining is 0 && reset is { } at)
        {
            return Task.FromResult(new HealthCheckResult(status, $"GitHub Actions: the rate limit is used up until {at:O}.", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("GitHub Actions answers.", data));
    }
}
