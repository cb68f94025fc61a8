using Microsoft.Extensions.Options;
using PromptWatch.GitHub.Counting;

namespace PromptWatch.GitHub.Events;

/// <summary>
/// Turns each event into counter increments and alerts, one method per event. Hosts extend it by deriving
/// and registering the derived class as <see cref="GitHubEventProcessor"/> before <c>AddGitHubWebhooks()</c>.
/// Methods must not have side effects: a delivery may be processed again after a counter-store failure, and
/// only the outcome of the attempt that is applied counts.
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

    /// <summary>Calls the method of the delivery's event; an event without one counts as <c>other</c>.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="outcome">Where to put increments and alerts.</param>
    public virtual void Process(GitHubDelivery delivery, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(outcome);
        switch (delivery.Payload)
        {
            case PushEvent e: OnPush(e, outcome); break;
            case PullRequestEvent e: OnPullRequest(e, outcome); break;
            case IssuesEvent e: OnIssues(e, outcome); break;
            case CheckSuiteEvent e: OnCheckSuite(e, outcome); break;
            case CheckRunEvent e: OnCheckRun(e, outcome); break;
            case WorkflowRunEvent e: OnWorkflowRun(e, outcome); break;
            case WorkflowJobEvent e: OnWorkflowJob(e, outcome); break;
            case DeploymentEvent e: OnDeployment(e, outcome); break;
            case DeploymentStatusEvent e: OnDeploymentStatus(e, outcome); break;
            case ReleaseEvent e: OnRelease(e, outcome); break;
            case CreateEvent e: OnCreate(e, outcome); break;
            case DeleteEvent e: OnDelete(e, outcome); break;
            case StatusEvent e: OnStatus(e, outcome); break;
            case PingEvent e: OnPing(e, outcome); break;
            default: OnOther(delivery, outcome); break;
        }
    }

    /// <summary>
    /// A push (not a deletion): <c>pushes</c> +1 and <c>commits</c> + the number of its commits GitHub marks
    /// <c>distinct</c> (pushed for the first time: not commits already on another branch), each id once;
    /// a <c>sensitive_file</c> alert (critical) when a commit adds or modifies a sensitive file.
    /// </summary>
    protected virtual void OnPush(PushEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Deleted) return;
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
            var shown = string.Join(", ", touched.Take(5)) + (touched.Count > 5 ? $" and {touched.Count - 5} more" : string.Empty);
            outcome.Alert("sensitive_file", "critical", payload.Repository?.FullName, $"Push to {BranchOf(payload.Ref) ?? payload.Ref} touches sensitive files: {shown}");
        }
    }

    /// <summary>
    /// <c>opened</c>: <c>pulls_opened</c>; <c>closed</c>: <c>pulls_merged</c> when merged, <c>pulls_closed</c>
    /// otherwise; any action of a pull request that is still open and not mergeable (<c>mergeable: false</c> or
    /// <c>mergeable_state: dirty</c>): <c>conflicts</c>.
    /// </summary>
    protected virtual void OnPullRequest(PullRequestEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        var pull = payload.PullRequest;
        switch (payload.Action)
        {
            case "opened": outcome.Count(GitHubCounters.PullsOpened); break;
            case "closed": outcome.Count(pull?.Merged == true ? GitHubCounters.PullsMerged : GitHubCounters.PullsClosed); break;
        }

        if (payload.Action != "closed" && pull is not null && (pull.Mergeable == false || string.Equals(pull.MergeableState, "dirty", StringComparison.OrdinalIgnoreCase)))
        {
            outcome.Count(GitHubCounters.Conflicts);
        }
    }

    /// <summary>
    /// <c>opened</c>: <c>issues_opened</c>; <c>closed</c>: <c>issues_closed</c>. An <c>urgent_issue</c> alert (high)
    /// when an issue is opened with, or labelled with, an urgent label.
    /// </summary>
    protected virtual void OnIssues(IssuesEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        switch (payload.Action)
        {
            case "opened": outcome.Count(GitHubCounters.IssuesOpened); break;
            case "closed": outcome.Count(GitHubCounters.IssuesClosed); break;
        }

        var labels = payload.Action switch
        {
            "opened" or "reopened" => (payload.Issue?.Labels ?? []).Select(static l => l.Name),
            "labeled" => [payload.Label?.Name],
            _ => [],
        };
        var urgent = labels.FirstOrDefault(l => l is not null && _urgentLabels.Contains(l));
        if (urgent is not null)
        {
            outcome.Alert("urgent_issue", "high", payload.Repository?.FullName, $"Issue #{payload.Issue?.Number} is labelled {urgent}: {payload.Issue?.Title}");
        }
    }

    /// <summary>A completed suite with a failing conclusion: <c>build_failures</c>; on the default branch also a <c>build_failure</c> alert.</summary>
    protected virtual void OnCheckSuite(CheckSuiteEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action != "completed" || !IsFailure(payload.CheckSuite?.Conclusion)) return;
        BuildFailed(payload.Repository, payload.CheckSuite?.HeadBranch, "Check suite", payload.CheckSuite?.Conclusion, outcome);
    }

    /// <summary>A completed check run with a failing conclusion whose name matches a test pattern: <c>test_failures</c>.</summary>
    protected virtual void OnCheckRun(CheckRunEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action == "completed" && IsFailure(payload.CheckRun?.Conclusion) && _tests.IsMatch(payload.CheckRun?.Name)) outcome.Count(GitHubCounters.TestFailures);
    }

    /// <summary>A completed workflow run with a failing conclusion: <c>build_failures</c>; on the default branch also a <c>build_failure</c> alert.</summary>
    protected virtual void OnWorkflowRun(WorkflowRunEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action != "completed" || !IsFailure(payload.WorkflowRun?.Conclusion)) return;
        BuildFailed(payload.Repository, payload.WorkflowRun?.HeadBranch, $"Workflow {payload.WorkflowRun?.Name}".TrimEnd(), payload.WorkflowRun?.Conclusion, outcome);
    }

    /// <summary>A completed workflow job with a failing conclusion whose name matches a test pattern: <c>test_failures</c>.</summary>
    protected virtual void OnWorkflowJob(WorkflowJobEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action == "completed" && IsFailure(payload.WorkflowJob?.Conclusion) && _tests.IsMatch(payload.WorkflowJob?.Name)) outcome.Count(GitHubCounters.TestFailures);
    }

    /// <summary>A deployment created: <c>deployments</c>; also <c>hotfixes</c> when its ref, environment or description matches a hotfix pattern.</summary>
    protected virtual void OnDeployment(DeploymentEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action is not (null or "created")) return;
        outcome.Count(GitHubCounters.Deployments);
        var deployment = payload.Deployment;
        if (_hotfixes.IsMatch(deployment?.Ref) || _hotfixes.IsMatch(deployment?.Environment) || _hotfixes.IsMatch(deployment?.Description)) outcome.Count(GitHubCounters.Hotfixes);
    }

    /// <summary>Deployment statuses change no counter (the deployment itself was counted).</summary>
    protected virtual void OnDeploymentStatus(DeploymentStatusEvent payload, GitHubEventOutcome outcome)
    {
    }

    /// <summary>A release published whose tag or title matches a hotfix pattern: <c>hotfixes</c>.</summary>
    protected virtual void OnRelease(ReleaseEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.Action == "published" && (_hotfixes.IsMatch(payload.Release?.TagName) || _hotfixes.IsMatch(payload.Release?.Name))) outcome.Count(GitHubCounters.Hotfixes);
    }

    /// <summary>A branch created whose name matches a hotfix pattern: <c>hotfixes</c>.</summary>
    protected virtual void OnCreate(CreateEvent payload, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(outcome);
        if (payload.RefType == "branch" && _hotfixes.IsMatch(payload.Ref)) outcome.Count(GitHubCounters.Hotfixes);
    }

    /// <summary>Deleted branches and tags change no counter.</summary>
    protected virtual void OnDelete(DeleteEvent payload, GitHubEventOutcome outcome)
    {
    }

    /// <summary>Commit statuses change no counter (check suites and workflow runs count builds).</summary>
    protected virtual void OnStatus(StatusEvent payload, GitHubEventOutcome outcome)
    {
    }

    /// <summary>A ping changes no counter.</summary>
    protected virtual void OnPing(PingEvent payload, GitHubEventOutcome outcome)
    {
    }

    /// <summary>An event without a method here: <c>other</c> +1.</summary>
    protected virtual void OnOther(GitHubDelivery delivery, GitHubEventOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        outcome.Count(GitHubCounters.Other);
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

    private static void BuildFailed(GitHubRepository? repository, string? branch, string what, string? conclusion, GitHubEventOutcome outcome)
    {
        outcome.Count(GitHubCounters.BuildFailures);
        if (branch is not null && string.Equals(branch, repository?.DefaultBranch, StringComparison.Ordinal))
        {
            outcome.Alert("build_failure", "high", repository?.FullName, $"{what} ended {conclusion} on the default branch {branch}");
        }
    }
}
