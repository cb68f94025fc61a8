using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.GitHub;
using PromptWatch.GitHub.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the GitHub webhook receiver and the activity endpoints.</summary>
public static class GitHubEndpointRouteBuilderExtensions
{
    // Every GET route answers HEAD too (probes and curl -I use it); Kestrel sends no body in answer to HEAD.
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps the webhook receiver: <c>POST {path}</c>. It is public by design (GitHub cannot sign in); every
    /// delivery must carry a valid <c>X-Hub-Signature-256</c>. Needs <c>AddGitHubWebhooks()</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="path">Where GitHub posts. Default <c>/api/monitor/webhook</c>.</param>
    /// <returns>The endpoint, for rate limiting or other conventions.</returns>
    public static RouteHandlerBuilder MapGitHubWebhooks(this IEndpointRouteBuilder endpoints, string path = "/api/monitor/webhook")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var receiver = endpoints.ServiceProvider.GetService<WebhookEndpoint>()
            ?? throw new InvalidOperationException("GitHub services are missing: call services.AddPromptWatch().AddGitHubWebhooks() before app.MapGitHubWebhooks().");
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GitHubWebhookOptions>>().Value;
        if (!options.EnableReceiver) throw new InvalidOperationException("PromptWatch:GitHub:EnableReceiver is false: this host does not receive webhooks.");
        Func<HttpContext, Task<IResult>> handler = receiver.HandleAsync;
        return endpoints.MapPost(path, (Delegate)handler)
            .WithName("PromptWatchGitHubWebhook")
            .WithSummary("Receives a signed GitHub webhook delivery; 202 when queued")
            .WithTags("PromptWatch GitHub")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// Maps the activity endpoints under <paramref name="prefix"/>: <c>GET counters</c>, <c>GET dashboard</c>,
    /// <c>GET trend/{counter}?hours=24</c>, <c>POST reset-weekly</c>, <c>GET dead-letters</c> and <c>DELETE dead-letters</c> in the returned group (add authorization to
    /// it), and <c>GET health</c> outside it, so that probes reach it (it holds nothing sensitive).
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where to map them. Default <c>/api/monitor</c>.</param>
    /// <returns>The group of data endpoints.</returns>
    public static RouteGroupBuilder MapGitHubActivity(this IEndpointRouteBuilder endpoints, string prefix = "/api/monitor")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var activity = endpoints.ServiceProvider.GetService<ActivityEndpoints>()
            ?? throw new InvalidOperationException("GitHub services are missing: call services.AddPromptWatch().AddGitHubWebhooks() before app.MapGitHubActivity().");
        var normalized = "/" + prefix.Trim('/');
        if (normalized == "/") normalized = string.Empty;
        endpoints.MapMethods(normalized + "/health", GetAndHead, () => activity.Health())
            .WithName("PromptWatchGitHubHealth")
            .WithSummary("Whether webhook deliveries are processed: counter store, queue")
            .WithTags("PromptWatch GitHub");
        var group = endpoints.MapGroup(normalized);
        group.WithTags("PromptWatch GitHub");
        group.MapMethods("/counters", GetAndHead, (CancellationToken cancellationToken) => activity.CountersAsync(cancellationToken))
            .WithName("PromptWatchGitHubCounters")
            .WithSummary("This week's activity counters");
        group.MapMethods("/dashboard", GetAndHead, (CancellationToken cancellationToken) => activity.DashboardAsync(cancellationToken))
            .WithName("PromptWatchGitHubDashboard")
            .WithSummary("Counters, 24 hourly trend buckets per counter, recent alerts");
        group.MapMethods("/trend/{counter}", GetAndHead, (string counter, int? hours, CancellationToken cancellationToken) => activity.TrendAsync(counter, hours, cancellationToken))
            .WithName("PromptWatchGitHubTrend")
            .WithSummary("Hourly buckets of one counter over the last hours (1 to 2160)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/reset-weekly", (CancellationToken cancellationToken) => activity.ResetWeeklyAsync(cancellationToken))
            .WithName("PromptWatchGitHubResetWeekly")
            .WithSummary("Deletes this week's counters");
        group.MapMethods("/dead-letters", GetAndHead, () => activity.DeadLetters())
            .WithName("PromptWatchGitHubDeadLetters")
            .WithSummary("Deliveries the counter store failed permanently: not counted, to redeliver from GitHub");
        group.MapDelete("/dead-letters", () => activity.ClearDeadLetters())
            .WithName("PromptWatchGitHubClearDeadLetters")
            .WithSummary("Forgets the dead-lettered deliveries (once redelivered)");
        return group;
    }
}
