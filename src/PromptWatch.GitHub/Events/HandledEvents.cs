using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.CheckRun;
using Octokit.Webhooks.Events.CheckSuite;
using Octokit.Webhooks.Events.Deployment;
using Octokit.Webhooks.Events.DeploymentStatus;
using Octokit.Webhooks.Events.Issues;
using Octokit.Webhooks.Events.PullRequest;
using Octokit.Webhooks.Events.Release;
using Octokit.Webhooks.Events.WorkflowJob;
using Octokit.Webhooks.Events.WorkflowRun;

namespace PromptWatch.GitHub.Events;

/// <summary>
/// The events <see cref="GitHubEventProcessor"/> has a method for: their Octokit.Webhooks type and, for an event
/// with actions, the actions Octokit.Webhooks reads (a body with any other action cannot be read into the type).
/// </summary>
internal static class HandledEvents
{
    private static readonly FrozenDictionary<string, HandledEvent> ByName = new Dictionary<string, HandledEvent>(StringComparer.Ordinal)
    {
        [WebhookEventType.Push] = new(typeof(PushEvent), null),
        [WebhookEventType.PullRequest] = new(typeof(PullRequestEvent), ActionsOf(typeof(PullRequestActionValue))),
        [WebhookEventType.Issues] = new(typeof(IssuesEvent), ActionsOf(typeof(IssuesActionValue))),
        [WebhookEventType.CheckSuite] = new(typeof(CheckSuiteEvent), ActionsOf(typeof(CheckSuiteActionValue))),
        [WebhookEventType.CheckRun] = new(typeof(CheckRunEvent), ActionsOf(typeof(CheckRunActionValue))),
        [WebhookEventType.WorkflowRun] = new(typeof(WorkflowRunEvent), ActionsOf(typeof(WorkflowRunActionValue))),
        [WebhookEventType.WorkflowJob] = new(typeof(WorkflowJobEvent), ActionsOf(typeof(WorkflowJobActionValue))),
        [WebhookEventType.Deployment] = new(typeof(DeploymentEvent), ActionsOf(typeof(DeploymentActionValue))),
        [WebhookEventType.DeploymentStatus] = new(typeof(DeploymentStatusEvent), ActionsOf(typeof(DeploymentStatusActionValue))),
        [WebhookEventType.Release] = new(typeof(ReleaseEvent), ActionsOf(typeof(ReleaseActionValue))),
        [WebhookEventType.Create] = new(typeof(CreateEvent), null),
        [WebhookEventType.Delete] = new(typeof(DeleteEvent), null),
        [WebhookEventType.Status] = new(typeof(StatusEvent), null),
        [WebhookEventType.Ping] = new(typeof(PingEvent), null),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The <c>X-GitHub-Event</c> names, in no particular order.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The event of an <c>X-GitHub-Event</c> name, when the processor has a method for it.</summary>
    public static bool TryGet(string eventName, [NotNullWhen(true)] out HandledEvent? handled) => ByName.TryGetValue(eventName, out handled);

    // Octokit.Webhooks names every action it reads as a constant of the event's *ActionValue class.
    private static FrozenSet<string> ActionsOf(Type actionValues) =>
        actionValues.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(static f => (string)f.GetRawConstantValue()!)
            .ToFrozenSet(StringComparer.Ordinal);
}
