namespace PromptWatch.GitHub.Counting;

/// <summary>The names of the activity counters.</summary>
public static class GitHubCounters
{
    /// <summary>Distinct commits in pushes.</summary>
    public const string Commits = "commits";

    /// <summary>Pushes (to branches and tags, deletions excluded).</summary>
    public const string Pushes = "pushes";

    /// <summary>Pull requests opened.</summary>
    public const string PullsOpened = "pulls_opened";

    /// <summary>Pull requests merged.</summary>
    public const string PullsMerged = "pulls_merged";

    /// <summary>Pull requests closed without merging.</summary>
    public const string PullsClosed = "pulls_closed";

    /// <summary>Issues opened.</summary>
    public const string IssuesOpened = "issues_opened";

    /// <summary>Issues closed.</summary>
    public const string IssuesClosed = "issues_closed";

    /// <summary>Deployments created.</summary>
    public const string Deployments = "deployments";

    /// <summary>Check suites and workflow runs that failed.</summary>
    public const string BuildFailures = "build_failures";

    /// <summary>Test check runs and workflow jobs that failed.</summary>
    public const string TestFailures = "test_failures";

    /// <summary>Pull-request events that found the pull request not mergeable.</summary>
    public const string Conflicts = "conflicts";

    /// <summary>Hotfix branches created, hotfix releases published, hotfix deployments.</summary>
    public const string Hotfixes = "hotfixes";

    /// <summary>Deliveries of events PromptWatch does not handle.</summary>
    public const string Other = "other";

    /// <summary>Every counter, in display order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Commits, Pushes, PullsOpened, PullsMerged, PullsClosed, IssuesOpened, IssuesClosed, Deployments, BuildFailures, TestFailures, Conflicts, Hotfixes, Other];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/>.</summary>
    /// <param name="name">A counter name.</param>
    /// <returns><see langword="true"/> when it is known.</returns>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
