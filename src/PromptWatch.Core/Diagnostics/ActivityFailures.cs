using System.Diagnostics;

namespace PromptWatch.Diagnostics;

/// <summary>Marks a PromptWatch span as failed: status <see cref="ActivityStatusCode.Error"/> and the <c>error.type</c> tag.</summary>
internal static class ActivityFailures
{
    /// <summary>Sets the error status (with the message only when it is a <see cref="PromptWatchException"/>, which holds no secret) and <c>error.type</c>.</summary>
    public static void RecordFailure(this Activity? activity, Exception failure)
    {
        if (activity is null) return;
        ArgumentNullException.ThrowIfNull(failure);
        activity.SetStatus(ActivityStatusCode.Error, failure is PromptWatchException ? failure.Message : failure.GetType().Name);
        activity.SetTag("error.type", DependencyMetrics.ErrorType(failure));
    }

    /// <summary>Sets the error status with a safe <paramref name="description"/> and <c>error.type</c> <paramref name="errorType"/>.</summary>
    public static void RecordFailure(this Activity? activity, string errorType, string? description = null)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, description);
        activity.SetTag("error.type", errorType);
    }
}
