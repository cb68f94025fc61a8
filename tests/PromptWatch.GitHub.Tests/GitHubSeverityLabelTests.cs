using PromptWatch.GitHub.Alerts;

namespace PromptWatch.GitHub.Tests;

/// <summary>A GitHub alert's own severity (a code scanning or Dependabot alert's, from a processor that reads it) is carried as a label.</summary>
public sealed class GitHubSeverityLabelTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_alerts_severity_is_the_github_severity_label_beside_its_own_labels()
    {
        var alert = new GitHubAlert("code_scanning", "high", "octo/app", "A new code scanning alert.", At, "d-1")
        {
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["tool"] = "CodeQL" },
        };

        var labels = GitHubAlertLabels.EventOf(alert, 0).Labels;

        Assert.Equal("high", labels["github_severity"]);
        Assert.Equal(("CodeQL", "octo/app"), (labels["tool"], labels["repository"]));
    }

    [Fact]
    public void A_github_severity_label_the_processor_set_is_kept()
    {
        var alert = new GitHubAlert("dependabot", "warning", "octo/app", "A vulnerable dependency.", At, "d-2")
        {
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["github_severity"] = "critical" },
        };

        Assert.Equal("critical", GitHubAlertLabels.EventOf(alert, 0).Labels["github_severity"]);
    }
}
