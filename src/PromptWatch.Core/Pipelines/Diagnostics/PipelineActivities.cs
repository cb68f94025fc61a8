using System.Diagnostics;
using PromptWatch.Diagnostics;

namespace PromptWatch.Pipelines.Diagnostics;

/// <summary>
/// The pipeline monitor's spans on the <c>PromptWatch</c> activity source: <c>promptwatch.pipelines.poll</c> around a
/// reconcile poll of one repository and <c>promptwatch.pipelines.provider</c> around each call to a CI provider.
/// </summary>
internal static class PipelineActivities
{
    public const string PollName = "promptwatch.pipelines.poll";
    public const string ProviderName = "promptwatch.pipelines.provider";

    public static Activity? StartPoll(string provider, string repository)
    {
        var activity = PromptWatchTelemetry.ActivitySource.StartActivity(PollName);
        activity?.SetTag("promptwatch.pipeline.provider", provider);
        activity?.SetTag("promptwatch.repository", repository);
        return activity;
    }

    /// <summary>A provider call: <paramref name="operation"/> is a snake_case word (<c>list_runs</c>, <c>job_log</c>...).</summary>
    public static Activity? StartProviderCall(string provider, string operation)
    {
        var activity = PromptWatchTelemetry.ActivitySource.StartActivity(ProviderName, ActivityKind.Client);
        activity?.SetTag("promptwatch.pipeline.provider", provider);
        activity?.SetTag("promptwatch.pipeline.operation", operation);
        return activity;
    }

    /// <summary>Marks the span failed with the provider's refusal (its message holds no secret) and <c>error.type</c> the failure's word.</summary>
    public static void RecordFailure(this Activity? activity, PipelineProviderException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        activity.RecordFailure(PipelineMetrics.Word<PipelineProviderFailure>(failure.Failure)!, failure.Message);
    }

    /// <summary>The snake_case operation of a method name: <c>ListRunsAsync</c> is <c>list_runs</c>.</summary>
    public static string Operation(string member)
    {
        var name = member.EndsWith("Async", StringComparison.Ordinal) ? member[..^5] : member;
        return System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
    }
}
