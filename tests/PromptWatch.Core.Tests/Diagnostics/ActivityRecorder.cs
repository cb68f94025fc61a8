using System.Collections.Concurrent;
using System.Diagnostics;
using PromptWatch.Diagnostics;

namespace PromptWatch.Tests.Diagnostics;

/// <summary>
/// Records the PromptWatch activities started by one piece of test code: the code runs under a parent
/// activity of a source of its own, and only activities of that trace are kept, so parallel tests do not interfere.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ActivitySource _testSource = new($"PromptWatch.Tests.{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    /// <summary>Starts listening.</summary>
    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PromptWatchTelemetry.ActivitySourceName || ReferenceEquals(source, _testSource),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Runs <paramref name="code"/> and returns the PromptWatch activities it started and stopped.</summary>
    public IReadOnlyList<Activity> Record(Action code)
    {
        ArgumentNullException.ThrowIfNull(code);
        using var parent = _testSource.StartActivity("test") ?? throw new InvalidOperationException("The test activity was not started.");
        code();
        var traceId = parent.TraceId;
        return [.. _stopped.Where(a => a.TraceId == traceId && a.Source.Name == PromptWatchTelemetry.ActivitySourceName)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Dispose();
        _testSource.Dispose();
    }
}
