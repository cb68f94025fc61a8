using PromptWatch.Alerting;

namespace PromptWatch.GitHub.Alerts;

/// <summary>The label names of GitHub alerts and how an alert becomes an <see cref="AlertEvent"/>.</summary>
internal static class GitHubAlertLabels
{
    public const string Repository = "repository";
    public const string Branch = "branch";
    public const string DefaultBranch = "default_branch";
    public const string Workflow = "workflow";
    public const string Path = "path";
    public const string Paths = "paths";
    public const string Label = "label";
    public const string Environment = "environment";

    /// <summary>The severity the delivery's processor gave (GitHub's own for one that reads it, e.g. a code scanning alert's <c>high</c>).</summary>
    public const string GitHubSeverity = "github_severity";

    public static IReadOnlyDictionary<string, string> None => System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The labels without empty values, in a dictionary of their own.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string?>? labels)
    {
        if (labels is null || labels.Count == 0) return None;
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            if (!string.IsNullOrWhiteSpace(name) && !string.IsNullOrEmpty(value)) copy[name] = value;
        }

        return copy;
    }

    /// <summary>
    /// The event the engine's rules match: the alert's kind (<see cref="AlertEventKinds.SensitiveFile"/>...), its labels
    /// with <c>repository</c> and <c>github_severity</c> (its own severity, beside the rule's, which it does not change),
    /// its message and link, and an occurrence id (delivery, kind and, for a second alert of the
    /// same kind in one delivery, its index) so that the same alert published twice notifies once.
    /// </summary>
    public static AlertEvent EventOf(GitHubAlert alert, int index)
    {
        var labels = new Dictionary<string, string>(alert.Labels, StringComparer.Ordinal);
        if (alert.Repository.Length > 0) labels[Repository] = alert.Repository;
        if (!string.IsNullOrWhiteSpace(alert.Severity)) labels.TryAdd(GitHubSeverity, alert.Severity);
        var occurrence = index > 0 ? $"{alert.Delivery}:{alert.Kind}:{index}" : $"{alert.Delivery}:{alert.Kind}";
        return new AlertEvent(alert.Kind, labels, alert.Message, alert.At)
        {
            Url = Uri.TryCreate(alert.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null,
            OccurrenceId = occurrence,
        };
    }
}
