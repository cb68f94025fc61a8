namespace PromptWatch.Tests.Diagnostics;

/// <summary>A clock whose timestamp moves by <paramref name="step"/> each time it is read, so that a measured duration is known exactly.</summary>
internal sealed class SteppingClock(TimeSpan step) : TimeProvider
{
    private long _reads;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => (Interlocked.Increment(ref _reads) - 1) * step.Ticks;
}
