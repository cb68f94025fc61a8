using System.Net;
using System.Runtime.CompilerServices;
using Octokit;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Diagnostics;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// Turns what Octokit or the HTTP client threw into a <see cref="PipelineProviderException"/> that says what GitHub
/// refused (GitHub's own message, which holds no secret), and records it for the health check.
/// </summary>
internal sealed class GitHubFailures(GitHubApiTraffic traffic, TimeProvider timeProvider)
{
    /// <summary>Runs <paramref name="call"/>; a failure becomes a <see cref="PipelineProviderException"/> about <paramref name="what"/>.</summary>
    /// <remarks>Each call is a <c>promptwatch.pipelines.provider</c> span whose operation is the calling method's name (<c>list_runs</c>...).</remarks>
    public async Task<T> Run<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
    {
        using var activity = PipelineActivities.StartProviderCall(Provider, PipelineActivities.Operation(operation));
        try
        {
            var result = await call().WaitAsync(cancellationToken).ConfigureAwait(false);
            traffic.Succeeded();
            return result;
        }
        catch (Exception e) when (Map(what, e, cancellationToken) is { } mapped)
        {
            activity.RecordFailure(mapped);
            if (mapped.Failure != PipelineProviderFailure.NotFound && mapped.Failure != PipelineProviderFailure.Invalid)
            {
                traffic.Failed(new GitHubApiFailure(mapped.Failure, mapped.Message, timeProvider.GetUtcNow()));
            }
            else
            {
                // GitHub answered: the connection and the token work, only this request was refused.
                traffic.Succeeded();
            }

            throw mapped;
        }
    }

    public Task Run(string what, Func<Task> call, CancellationToken cancellationToken, [CallerMemberName] string operation = "") =>
        Run(what, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, cancellationToken, operation);

    /// <summary>The provider's name in spans.</summary>
    public const string Provider = "github-actions";

    /// <summary>The exception for <paramref name="e"/>; <see langword="null"/> when it is the caller's cancellation (it passes through).</summary>
    public PipelineProviderException? Map(string what, Exception e, CancellationToken cancellationToken)
    {
        if (e is PipelineProviderException provider) return provider;
        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested) return null;
        return e switch
        {
            RateLimitExceededException r => new(PipelineProviderFailure.RateLimited, $"GitHub's rate limit is used up ({r.Limit} requests); {what} is possible again after {r.Reset:O}.", Positive(r.Reset - timeProvider.GetUtcNow()), e),
            SecondaryRateLimitExceededException => new(PipelineProviderFailure.RateLimited, $"GitHub's secondary rate limit refused to {what}; try again in a minute.", TimeSpan.FromMinutes(1), e),
            AuthorizationException => new(PipelineProviderFailure.Unauthorized, $"GitHub refused the token (401: {ApiMessage(e)}) when asked to {what}: set a valid token in {GitHubActionsOptions.SectionName}:Token (GITHUB_TOKEN).", null, e),
            ForbiddenException => new(PipelineProviderFailure.Forbidden, $"GitHub refused to {what} (403: {ApiMessage(e)}): the token lacks a permission (actions:read, contents:read, metadata:read; actions:write to rerun and cancel).", null, e),
            NotFoundException => new(PipelineProviderFailure.NotFound, $"GitHub found nothing when asked to {what} (404: {ApiMessage(e)}).", null, e),
            ApiValidationException => new(PipelineProviderFailure.Invalid, $"GitHub refused the request to {what} as invalid (422: {ApiMessage(e)}).", null, e),
            ApiException { StatusCode: HttpStatusCode.Conflict } => new(PipelineProviderFailure.Invalid, $"GitHub refused to {what} in the run's current state (409: {ApiMessage(e)}).", null, e),
            ApiException { StatusCode: HttpStatusCode.UnprocessableEntity } => new(PipelineProviderFailure.Invalid, $"GitHub refused the request to {what} as invalid (422: {ApiMessage(e)}).", null, e),
            ApiException { StatusCode: HttpStatusCode.TooManyRequests } => new(PipelineProviderFailure.RateLimited, $"GitHub asked to slow down when asked to {what} (429).", TimeSpan.FromMinutes(1), e),
            ApiException a => new(PipelineProviderFailure.Unreachable, $"GitHub answered {(int)a.StatusCode} when asked to {what}: {ApiMessage(e)}", null, e),
            HttpRequestException h => new(PipelineProviderFailure.Unreachable, $"GitHub's API could not be reached to {what} ({h.HttpRequestError}).", null, e),
            OperationCanceledException => new(PipelineProviderFailure.Unreachable, $"GitHub's API did not answer in time to {what}.", null, e),
            _ => null,
        };
    }

    private static string ApiMessage(Exception e) =>
        e is ApiException { ApiError.Message: { Length: > 0 } message } ? Shorten(message) : e is ApiException a ? a.StatusCode.ToString() : e.GetType().Name;

    private static string Shorten(string message) => message.Length <= 200 ? message : message[..200] + "...";

    private static TimeSpan? Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;
}
