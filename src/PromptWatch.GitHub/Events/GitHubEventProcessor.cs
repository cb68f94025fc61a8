using Microsoft.Extensions.Options;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.CheckRun;
using Octokit.Webhooks.Events.CheckSuite;
using Octokit.Webhooks.Events.Deployment;
using Octokit.Webhooks.Events.Issues;
using Octokit.Webhooks.Events.PullRequest;
using Octokit.Webhooks.Events.Release;
using Octokit.Webhooks.Events.WorkflowJob;
using Octokit.Webhooks.Events.WorkflowRun;
using Octokit.Webhooks.Models;
using PromptWatch.Alerting;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Counting;

namespace PromptWatch.GitHub.Events;

/// <summary>
/// Turns each event into counter increments and alerts, one method per event, each receiving the typed
/// Octokit.Webhooks event. Hosts extend it by deriving and registering the derived class as
/// <see cref="GitHubEventProcessor"/> before <c>AddGitHubWebhooks()</c>. Methods must not have side effects: a
/// redelivery is processed again, and only the outcome that is applied counts. A field the delivery leaves out is <see langword="null"/> (or its default) even where the
/// Octokit.Webhooks model declares it required, so methods read every field as possibly missing.
/// </summary>
public class GitHubEventProcessor
{
    private const string BranchPrefix = "refs/heads/";
    private readonly NamePatterns _tests;
    private readonly NamePatterns _hotfixes;
    private readonly PathGlobs _sensitive;
    private readonly HashSet<string> _failures;
    private readonly HashSet<string> _urgentLabels;

    /// <summary>Creates the processor with the counting rules of <paramref name="options"/>.</summary>
    /// <param name="options">The GitHub options.</param>
    public GitHubEventProcessor(IOptions<GitHubWebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = options.Value.Rules;
        _tests = new NamePatterns(rules.TestNamePatterns);
        _hotfixes = new NamePatterns(rules.HotfixPatterns);
        _sensitive = new PathGlobs(rules.SensitiveFiles);
        _failures = new HashSet<string>(rules.FailureConclusions, StringComparer.OrdinalIgnoreCase);
        _urgentLabels = new HashSet<string>(rules.UrgentLabels, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Calls the method of the delivery's event. An event without one, and an event whose action Octokit.Webhooks
    /// does not know (<see cref="GitHubDelivery.UnknownAction"/>), goes to <see cref="OnOtherAsync"/>.
    /// </summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    public virtual ValueTask ProcessAsync(GitHubDelivery delivery, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(outcome);
        return delivery.Payload switch
        {
            PushEvent e => OnPushAsync(e, outcome, cancellationToken),
            PullRequestEvent e => OnPullRequestAsync(e, outcome, cancellationToken),
            IssuesEvent e => OnIssuesAsync(e, outcome, cancellationToken),
            CheckSuiteEvent e => OnCheckSuiteAsync(e, outcome, cancellationToken),
            CheckRunEvent e => OnCheckRunAsync(e, outcome, cancellationToken),
            WorkflowRunEvent e => OnWorkflowRunAsync(e, outcome, cancellationToken),
            WorkflowJobEvent e => OnWorkflowJobAsync(e, outcome, cancellationToken),
            DeploymentEvent e => OnDeploymentAsync(e, outcome, cancellationToken),
            DeploymentStatusEvent e => OnDeploymentStatusAsync(e, outcome, cancellationToken),
            ReleaseEvent e => OnReleaseAsync(e, outcome, cancellationToken),
            CreateEvent e => OnCreateAsync(e, outcome, cancellationToken),
            DeleteEvent e => OnDeleteAsync(e, outcome, cancellationToken),
            StatusEvent e => OnStatusAsync(e, outcome, cancellationToken),
            PingEvent e => OnPingAsync(e, outcome, cancellationToken),
            _ => OnOtherAsync(delivery, outcome, cancellationToken),
        };
    }

    /// <summary>
    /// A push (not a deletion): <c>pushes</c> +1 and <c>commits</c> + the number of its commits GitHub marks
    /// <c>distinct</c> (pushed for the first time: not commits already on another branch), each id once;
    /// a <c>sensitive_file</c> alert (critical) when a commit adds or modifies a sensitive file.
    /// </summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnPushAsync(PushEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Deleted) return ValueTask.CompletedTask;
        outcome.Count(GitHubCounters.Pushes);
        var commits = payload.Commits ?? [];
        outcome.Count(GitHubCounters.Commits, commits.Where(static c => c.Distinct).Select(static c => c.Id).Where(static id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var touched = commits
            .SelectMany(static c => (c.Added ?? []).Concat(c.Modified ?? []))
            .Where(_sensitive.IsMatch)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (touched.Count > 0)
        {
            // The first commit that touches one of them, else the push's comparison.
            var commit = commits.FirstOrDefault(c => (c.Added ?? []).Concat(c.Modified ?? []).Any(_sensitive.IsMatch));
            var labels = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [GitHubAlertLabels.Branch] = BranchOf(payload.Ref) ?? payload.Ref,
                [GitHubAlertLabels.Path] = touched[0],
                [GitHubAlertLabels.Paths] = string.Join(",", touched),
            };
            outcome.Alert(AlertEventKinds.SensitiveFile, "critical", payload.Repository?.FullName, AlertSentences.SensitivePush(BranchOf(payload.Ref) ?? payload.Ref, touched), commit?.Url ?? payload.Compare, labels);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <c>opened</c>: <c>pulls_opened</c>; <c>closed</c>: <c>pulls_merged</c> when merged, <c>pulls_closed</c>
    /// otherwise; any action of a pull request that is still open and not mergeable (<c>mergeable: false</c> or
    /// <c>mergeable_state: dirty</c>): <c>conflicts</c>.
    /// </summary>
    /// <param name="payload">The event (a <see cref="PullRequestOpenedEvent"/>, <see cref="PullRequestClosedEvent"/>...).</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnPullRequestAsync(PullRequestEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        var pull = payload.PullRequest;
        var closed = payload.Action == PullRequestAction.Closed;
        if (payload.Action == PullRequestAction.Opened) outcome.Count(GitHubCounters.PullsOpened);
        if (closed) outcome.Count(pull?.Merged == true ? GitHubCounters.PullsMerged : GitHubCounters.PullsClosed);
        if (!closed && pull is not null && (pull.Mergeable == false || string.Equals(pull.MergeableState, "dirty", StringComparison.OrdinalIgnoreCase)))
        {
            outcome.Count(GitHubCounters.Conflicts);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <c>opened</c>: <c>issues_opened</c>; <c>closed</c>: <c>issues_closed</c>. An <c>urgent_issue</c> alert (high)
    /// when an issue is opened with, or labelled with, an urgent label.
    /// </summary>
    /// <param name="payload">The event (an <see cref="IssuesOpenedEvent"/>, <see cref="IssuesLabeledEvent"/>...).</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnIssuesAsync(IssuesEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action == IssuesAction.Opened) outcome.Count(GitHubCounters.IssuesOpened);
        if (payload.Action == IssuesAction.Closed) outcome.Count(GitHubCounters.IssuesClosed);
        IEnumerable<string?> labels = payload switch
        {
            IssuesOpenedEvent or IssuesReopenedEvent => (payload.Issue?.Labels ?? []).Select(static l => l?.Name),
            IssuesLabeledEvent labeled => [labeled.Label?.Name],
            _ => [],
        };
        var urgent = labels.FirstOrDefault(l => l is not null && _urgentLabels.Contains(l));
        if (urgent is not null)
        {
            var issueLabels = new Dictionary<string, string?>(StringComparer.Ordinal) { [GitHubAlertLabels.Label] = urgent };
            outcome.Alert(AlertEventKinds.UrgentIssue, "high", payload.Repository?.FullName, AlertSentences.UrgentIssue(payload.Issue?.Number, payload.Issue?.Title, urgent), payload.Issue?.HtmlUrl, issueLabels);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A completed suite with a failing conclusion: <c>build_failures</c>; on the default branch also a <c>build_failure</c> alert.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnCheckSuiteAsync(CheckSuiteEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        var conclusion = payload.CheckSuite?.Conclusion?.StringValue;
        if (payload.Action == CheckSuiteAction.Completed && IsFailure(conclusion))
        {
            var suiteCommit = payload.Repository?.HtmlUrl is { Length: > 0 } repositoryUrl && payload.CheckSuite?.HeadSha is { Length: > 0 } headSha ? $"{repositoryUrl}/commit/{headSha}" : null;
            BuildFailed(payload.Repository, payload.CheckSuite?.HeadBranch, workflow: null, "A check suite", conclusion, suiteCommit, outcome);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A completed check run with a failing conclusion whose name matches a test pattern: <c>test_failures</c>.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnCheckRunAsync(CheckRunEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        var run = payload.CheckRun;
        if (payload.Action == CheckRunAction.Completed && IsFailure(run?.Conclusion?.StringValue) && _tests.IsMatch(run?.Name)) outcome.Count(GitHubCounters.TestFailures);
        return ValueTask.CompletedTask;
    }

    /// <summary>A completed workflow run with a failing conclusion: <c>build_failures</c>; on the default branch also a <c>build_failure</c> alert.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnWorkflowRunAsync(WorkflowRunEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        var run = payload.WorkflowRun;
        var conclusion = run?.Conclusion?.StringValue;
        if (payload.Action == WorkflowRunAction.Completed && IsFailure(conclusion))
        {
            BuildFailed(payload.Repository, run?.HeadBranch, run?.Name, string.IsNullOrWhiteSpace(run?.Name) ? "A workflow" : $"The workflow '{run.Name}'", conclusion, run?.HtmlUrl, outcome);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A completed workflow job with a failing conclusion whose name matches a test pattern: <c>test_failures</c>.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnWorkflowJobAsync(WorkflowJobEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        var job = payload.WorkflowJob;
        if (payload.Action == WorkflowJobAction.Completed && IsFailure(job?.Conclusion?.StringValue) && _tests.IsMatch(job?.Name)) outcome.Count(GitHubCounters.TestFailures);
        return ValueTask.CompletedTask;
    }

    /// <summary>A deployment created: <c>deployments</c>; also <c>hotfixes</c> when its ref, environment or description matches a hotfix pattern.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnDeploymentAsync(DeploymentEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action != DeploymentAction.Created) return ValueTask.CompletedTask;
        outcome.Count(GitHubCounters.Deployments);
        var deployment = payload.Deployment;
        if (_hotfixes.IsMatch(deployment?.Ref) || _hotfixes.IsMatch(deployment?.Environment) || _hotfixes.IsMatch(deployment?.Description)) outcome.Count(GitHubCounters.Hotfixes);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Deployment statuses change no counter (the deployment itself was counted); a status whose state is
    /// <c>failure</c> or <c>error</c> raises a <c>deployment_failure</c> alert (high) for its environment.
    /// </summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnDeploymentStatusAsync(DeploymentStatusEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        var status = payload.DeploymentStatus;
        var state = status?.State?.StringValue;
        if (!string.Equals(state, "failure", StringComparison.OrdinalIgnoreCase) && !string.Equals(state, "error", StringComparison.OrdinalIgnoreCase)) return ValueTask.CompletedTask;
        var environment = string.IsNullOrWhiteSpace(status?.Environment) ? payload.Deployment?.Environment : status.Environment;
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal) { [GitHubAlertLabels.Environment] = environment };
        var url = new[] { status?.LogUrl, status?.TargetUrl }.FirstOrDefault(static u => !string.IsNullOrWhiteSpace(u));
        outcome.Alert(AlertEventKinds.DeploymentFailure, "high", payload.Repository?.FullName, AlertSentences.DeploymentFailed(environment, state!), url, labels);
        return ValueTask.CompletedTask;
    }

    /// <summary>A release published whose tag or title matches a hotfix pattern: <c>hotfixes</c>.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnReleaseAsync(ReleaseEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action == ReleaseAction.Published && (_hotfixes.IsMatch(payload.Release?.TagName) || _hotfixes.IsMatch(payload.Release?.Name))) outcome.Count(GitHubCounters.Hotfixes);
        return ValueTask.CompletedTask;
    }

    /// <summary>A branch created whose name matches a hotfix pattern: <c>hotfixes</c>.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnCreateAsync(CreateEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.RefType == RefType.Branch && _hotfixes.IsMatch(payload.Ref)) outcome.Count(GitHubCounters.Hotfixes);
        return ValueTask.CompletedTask;
    }

    /// <summary>Deleted branches and tags change no counter.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnDeleteAsync(DeleteEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Commit statuses change no counter (check suites and workflow runs count builds).</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnStatusAsync(StatusEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A ping changes no counter.</summary>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnPingAsync(PingEvent payload, GitHubEventOutcome outcome, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// An event without a method here, or one whose action Octokit.Webhooks does not know
    /// (<see cref="GitHubDelivery.UnknownAction"/>): <c>other</c> +1.
    /// </summary>
    /// <param name="delivery">The delivery (its <see cref="GitHubDelivery.Payload"/> is <see langword="null"/>).</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    /// <param name="cancellationToken">Stops the processing when the host stops.</param>
    /// <returns>When the outcome is complete.</returns>
    protected virtual ValueTask OnOtherAsync(GitHubDelivery delivery, GitHubEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        outcome.Count(GitHubCounters.Other);
        return ValueTask.CompletedTask;
    }

    /// <summary>Whether a conclusion is one of the failing ones.</summary>
    /// <param name="conclusion">A check or workflow conclusion.</param>
    /// <returns><see langword="true"/> for a failure.</returns>
    protected bool IsFailure(string? conclusion) => conclusion is not null && _failures.Contains(conclusion);

    /// <summary>The branch name of a <c>refs/heads/</c> ref, or <see langword="null"/>.</summary>
    /// <param name="reference">A full ref.</param>
    /// <returns>The branch name.</returns>
    protected static string? BranchOf(string? reference) =>
        reference is not null && reference.StartsWith(BranchPrefix, StringComparison.Ordinal) ? reference[BranchPrefix.Length..] : null;

    // Only the default branch raises an alert: the dashboard's list and the alert metric have always meant that.
    private static void BuildFailed(Repository? repository, string? branch, string? workflow, string what, string? conclusion, string? url, GitHubEventOutcome outcome)
    {
        outcome.Count(GitHubCounters.BuildFailures);
        if (branch is not null && string.Equals(branch, repository?.DefaultBranch, StringComparison.Ordinal))
        {
            var labels = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [GitHubAlertLabels.Branch] = branch,
                [GitHubAlertLabels.DefaultBranch] = "true",
                [GitHubAlertLabels.Workflow] = workflow,
            };
            outcome.Alert(AlertEventKinds.BuildFailure, "high", repository?.FullName, AlertSentences.BuildFailed(what, conclusion, branch), url, labels);
        }
    }
}
