using System.Globalization;
using System.Text.RegularExpressions;
using PromptWatch.Pipelines;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>GitHub's status, conclusion and state words in the provider-neutral model, shared by the REST and webhook mappings.</summary>
internal static partial class GitHubActionsValues
{
    /// <summary>A run or job status; an unknown word is <see cref="PipelineStatus.Queued"/> (GitHub adds states that are all before completion).</summary>
    public static PipelineStatus Status(string? value) => value?.ToLowerInvariant() switch
    {
        "requested" => PipelineStatus.Requested,
        "queued" => PipelineStatus.Queued,
        "waiting" => PipelineStatus.Waiting,
        "pending" => PipelineStatus.Pending,
        "in_progress" => PipelineStatus.InProgress,
        "completed" => PipelineStatus.Completed,
        _ => PipelineStatus.Queued,
    };

    /// <summary>A conclusion; <see langword="null"/> for none (and for a word GitHub may add later).</summary>
    public static PipelineConclusion? Conclusion(string? value) => value?.ToLowerInvariant() switch
    {
        "success" => PipelineConclusion.Success,
        "failure" => PipelineConclusion.Failure,
        "cancelled" => PipelineConclusion.Cancelled,
        "skipped" => PipelineConclusion.Skipped,
        "timed_out" => PipelineConclusion.TimedOut,
        "action_required" => PipelineConclusion.ActionRequired,
        "neutral" => PipelineConclusion.Neutral,
        "stale" => PipelineConclusion.Stale,
        "startup_failure" => PipelineConclusion.StartupFailure,
        _ => null,
    };

    /// <summary>A deployment status state; <see langword="null"/> for a word the model does not know.</summary>
    public static DeploymentState? DeploymentState(string? value) => value?.ToLowerInvariant() switch
    {
        "pending" => PromptWatch.Pipelines.DeploymentState.Pending,
        "queued" => PromptWatch.Pipelines.DeploymentState.Queued,
        "in_progress" => PromptWatch.Pipelines.DeploymentState.InProgress,
        "success" => PromptWatch.Pipelines.DeploymentState.Success,
        "failure" => PromptWatch.Pipelines.DeploymentState.Failure,
        "error" => PromptWatch.Pipelines.DeploymentState.Error,
        "inactive" => PromptWatch.Pipelines.DeploymentState.Inactive,
        _ => null,
    };

    /// <summary>The word GitHub's run list takes for <paramref name="status"/> (its <c>status</c> parameter).</summary>
    public static string Word(PipelineStatus status) => status switch
    {
        PipelineStatus.InProgress => "in_progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The word GitHub's run list takes for <paramref name="conclusion"/> (its <c>status</c> parameter takes conclusions too).</summary>
    public static string Word(PipelineConclusion conclusion) => conclusion switch
    {
        PipelineConclusion.TimedOut => "timed_out",
        PipelineConclusion.ActionRequired => "action_required",
        PipelineConclusion.StartupFailure => "startup_failure",
        _ => conclusion.ToString().ToLowerInvariant(),
    };

    /// <summary>A timestamp GitHub sent, or <see langword="null"/> when it sent none (the default value).</summary>
    public static DateTimeOffset? Time(DateTimeOffset? value) => value is { } v && v != default ? v : null;

    /// <summary>The first line of a commit message, for a run's title.</summary>
    public static string? FirstLine(string? message)
    {
        if (string.IsNullOrWhiteSpace(message)) return null;
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }

    /// <summary>The run id in a GitHub Actions address (<c>.../actions/runs/123/job/456</c>); <see langword="null"/> when it has none.</summary>
    public static long? RunIdIn(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        var match = RunAddress().Match(url);
        return match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    [GeneratedRegex(@"/actions/runs/([0-9]{1,19})(?:[/?#]|$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RunAddress();
}
