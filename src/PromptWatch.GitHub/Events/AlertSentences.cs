namespace PromptWatch.GitHub.Events;

/// <summary>The messages of the built-in alerts, written as sentences people read in a list or a chat message.</summary>
internal static class AlertSentences
{
    /// <summary>How many file names a message lists before "and N more".</summary>
    private const int ShownFiles = 5;

    /// <summary>"A push to main touches sensitive files: .env and deploy/prod.key."</summary>
    public static string SensitivePush(string branch, IReadOnlyList<string> files)
    {
        var shown = files.Take(ShownFiles).ToList();
        if (files.Count > ShownFiles) shown.Add($"{files.Count - ShownFiles} more");
        return $"A push to {branch} touches {(files.Count == 1 ? "a sensitive file" : "sensitive files")}: {List(shown)}.";
    }

    /// <summary>"Issue #12, 'Checkout is down', is labelled P0."</summary>
    public static string UrgentIssue(long? number, string? title, string label)
    {
        var issue = number is null ? "An issue" : $"Issue #{number}";
        return string.IsNullOrWhiteSpace(title) ? $"{issue} is labelled {label}." : $"{issue}, '{title.Trim()}', is labelled {label}.";
    }

    /// <summary>"The workflow 'CI' failed on master, the default branch."</summary>
    public static string BuildFailed(string what, string? conclusion, string branch) =>
        $"{what} {Verb(conclusion)} on {branch}, the default branch.";

    /// <summary>"A deployment to production failed." or "A deployment to production ended in an error."</summary>
    public static string DeploymentFailed(string? environment, string state)
    {
        var target = string.IsNullOrWhiteSpace(environment) ? "A deployment" : $"A deployment to {environment.Trim()}";
        return string.Equals(state, "error", StringComparison.OrdinalIgnoreCase) ? $"{target} ended in an error." : $"{target} failed.";
    }

    private static string Verb(string? conclusion) => conclusion?.ToLowerInvariant() switch
    {
        "failure" => "failed",
        "timed_out" => "timed out",
        "cancelled" => "was cancelled",
        "action_required" => "needs action",
        "startup_failure" => "failed to start",
        null or "" => "failed",
        var other => "ended " + other.Replace('_', ' '),
    };

    private static string List(List<string> items) => items.Count switch
    {
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
