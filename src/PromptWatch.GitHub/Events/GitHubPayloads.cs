namespace PromptWatch.GitHub.Events;

// The payload records hold only the fields PromptWatch reads; unknown fields are ignored. Names follow
// GitHub's snake_case through the serializer's naming policy.

/// <summary>The repository an event is about.</summary>
/// <param name="FullName">owner/name.</param>
/// <param name="DefaultBranch">The default branch.</param>
/// <param name="CloneUrl">The https clone URL.</param>
/// <param name="HtmlUrl">The web page.</param>
/// <param name="SshUrl">The SSH clone URL.</param>
/// <param name="GitUrl">The git:// URL.</param>
public sealed record GitHubRepository(string? FullName, string? DefaultBranch, string? CloneUrl, string? HtmlUrl, string? SshUrl, string? GitUrl);

/// <summary>One commit of a push.</summary>
/// <param name="Id">The sha.</param>
/// <param name="Message">The message.</param>
/// <param name="Distinct">Whether the commit was pushed for the first time.</param>
/// <param name="Added">Files added (may be absent).</param>
/// <param name="Modified">Files modified (may be absent).</param>
/// <param name="Removed">Files removed (may be absent).</param>
public sealed record GitHubCommit(string? Id, string? Message, bool Distinct, IReadOnlyList<string>? Added, IReadOnlyList<string>? Modified, IReadOnlyList<string>? Removed);

/// <summary>A label.</summary>
/// <param name="Name">The label's name.</param>
public sealed record GitHubLabel(string? Name);

/// <summary>A <c>push</c> event.</summary>
/// <param name="Ref">The full ref, <c>refs/heads/main</c>.</param>
/// <param name="Deleted">Whether the ref was deleted.</param>
/// <param name="Commits">The commits (GitHub lists at most 2048, without file lists beyond some sizes).</param>
/// <param name="Repository">The repository.</param>
public sealed record PushEvent(string? Ref, bool Deleted, IReadOnlyList<GitHubCommit>? Commits, GitHubRepository? Repository);

/// <summary>A pull request.</summary>
/// <param name="Number">Its number.</param>
/// <param name="Title">Its title.</param>
/// <param name="Merged">Whether it was merged.</param>
/// <param name="Mergeable">Whether it can be merged (null while GitHub computes it).</param>
/// <param name="MergeableState">GitHub's merge state (<c>dirty</c> means conflicts).</param>
/// <param name="Head">The source branch.</param>
public sealed record GitHubPullRequest(int Number, string? Title, bool? Merged, bool? Mergeable, string? MergeableState, GitHubBranchRef? Head);

/// <summary>A branch of a pull request.</summary>
/// <param name="Ref">The branch name.</param>
public sealed record GitHubBranchRef(string? Ref);

/// <summary>A <c>pull_request</c> event.</summary>
/// <param name="Action">opened, closed, synchronize...</param>
/// <param name="PullRequest">The pull request.</param>
/// <param name="Repository">The repository.</param>
public sealed record PullRequestEvent(string? Action, GitHubPullRequest? PullRequest, GitHubRepository? Repository);

/// <summary>An issue.</summary>
/// <param name="Number">Its number.</param>
/// <param name="Title">Its title.</param>
/// <param name="Labels">Its labels.</param>
public sealed record GitHubIssue(int Number, string? Title, IReadOnlyList<GitHubLabel>? Labels);

/// <summary>An <c>issues</c> event.</summary>
/// <param name="Action">opened, closed, labeled...</param>
/// <param name="Issue">The issue.</param>
/// <param name="Label">The label added or removed, for labeled and unlabeled.</param>
/// <param name="Repository">The repository.</param>
public sealed record IssuesEvent(string? Action, GitHubIssue? Issue, GitHubLabel? Label, GitHubRepository? Repository);

/// <summary>A check suite.</summary>
/// <param name="HeadBranch">The branch checked.</param>
/// <param name="Conclusion">success, failure, timed_out...</param>
public sealed record GitHubCheckSuite(string? HeadBranch, string? Conclusion);

/// <summary>A <c>check_suite</c> event.</summary>
/// <param name="Action">requested, completed...</param>
/// <param name="CheckSuite">The suite.</param>
/// <param name="Repository">The repository.</param>
public sealed record CheckSuiteEvent(string? Action, GitHubCheckSuite? CheckSuite, GitHubRepository? Repository);

/// <summary>A check run.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Conclusion">success, failure, timed_out...</param>
/// <param name="CheckSuite">Its suite.</param>
public sealed record GitHubCheckRun(string? Name, string? Conclusion, GitHubCheckSuite? CheckSuite);

/// <summary>A <c>check_run</c> event.</summary>
/// <param name="Action">created, completed...</param>
/// <param name="CheckRun">The run.</param>
/// <param name="Repository">The repository.</param>
public sealed record CheckRunEvent(string? Action, GitHubCheckRun? CheckRun, GitHubRepository? Repository);

/// <summary>A workflow run.</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="HeadBranch">The branch.</param>
/// <param name="Conclusion">success, failure, timed_out...</param>
public sealed record GitHubWorkflowRun(string? Name, string? HeadBranch, string? Conclusion);

/// <summary>A <c>workflow_run</c> event.</summary>
/// <param name="Action">requested, completed...</param>
/// <param name="WorkflowRun">The run.</param>
/// <param name="Repository">The repository.</param>
public sealed record WorkflowRunEvent(string? Action, GitHubWorkflowRun? WorkflowRun, GitHubRepository? Repository);

/// <summary>A workflow job.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="HeadBranch">The branch.</param>
/// <param name="Conclusion">success, failure, timed_out...</param>
public sealed record GitHubWorkflowJob(string? Name, string? HeadBranch, string? Conclusion);

/// <summary>A <c>workflow_job</c> event.</summary>
/// <param name="Action">queued, in_progress, completed...</param>
/// <param name="WorkflowJob">The job.</param>
/// <param name="Repository">The repository.</param>
public sealed record WorkflowJobEvent(string? Action, GitHubWorkflowJob? WorkflowJob, GitHubRepository? Repository);

/// <summary>A deployment.</summary>
/// <param name="Ref">The ref deployed.</param>
/// <param name="Environment">The environment.</param>
/// <param name="Description">Its description.</param>
public sealed record GitHubDeployment(string? Ref, string? Environment, string? Description);

/// <summary>A <c>deployment</c> event.</summary>
/// <param name="Action">created.</param>
/// <param name="Deployment">The deployment.</param>
/// <param name="Repository">The repository.</param>
public sealed record DeploymentEvent(string? Action, GitHubDeployment? Deployment, GitHubRepository? Repository);

/// <summary>A deployment status.</summary>
/// <param name="State">success, failure, error, in_progress...</param>
public sealed record GitHubDeploymentStatus(string? State);

/// <summary>A <c>deployment_status</c> event.</summary>
/// <param name="Action">created.</param>
/// <param name="DeploymentStatus">The status.</param>
/// <param name="Deployment">The deployment.</param>
/// <param name="Repository">The repository.</param>
public sealed record DeploymentStatusEvent(string? Action, GitHubDeploymentStatus? DeploymentStatus, GitHubDeployment? Deployment, GitHubRepository? Repository);

/// <summary>A release.</summary>
/// <param name="TagName">Its tag.</param>
/// <param name="Name">Its title.</param>
public sealed record GitHubRelease(string? TagName, string? Name);

/// <summary>A <c>release</c> event.</summary>
/// <param name="Action">published, created, edited...</param>
/// <param name="Release">The release.</param>
/// <param name="Repository">The repository.</param>
public sealed record ReleaseEvent(string? Action, GitHubRelease? Release, GitHubRepository? Repository);

/// <summary>A <c>create</c> event (a branch or tag was created).</summary>
/// <param name="Ref">The branch or tag name.</param>
/// <param name="RefType"><c>branch</c> or <c>tag</c>.</param>
/// <param name="Repository">The repository.</param>
public sealed record CreateEvent(string? Ref, string? RefType, GitHubRepository? Repository);

/// <summary>A <c>delete</c> event (a branch or tag was deleted).</summary>
/// <param name="Ref">The branch or tag name.</param>
/// <param name="RefType"><c>branch</c> or <c>tag</c>.</param>
/// <param name="Repository">The repository.</param>
public sealed record DeleteEvent(string? Ref, string? RefType, GitHubRepository? Repository);

/// <summary>A <c>status</c> event (a commit status changed).</summary>
/// <param name="Sha">The commit.</param>
/// <param name="State">pending, success, failure, error.</param>
/// <param name="Context">The status's context.</param>
/// <param name="Repository">The repository.</param>
public sealed record StatusEvent(string? Sha, string? State, string? Context, GitHubRepository? Repository);

/// <summary>A <c>ping</c> event (sent when a webhook is created).</summary>
/// <param name="Zen">A saying.</param>
/// <param name="HookId">The webhook's id.</param>
/// <param name="Repository">The repository, for a repository webhook.</param>
public sealed record PingEvent(string? Zen, long? HookId, GitHubRepository? Repository);
