namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// An in-memory store whose first <c>ApplyOnceAsync</c> carries the call out and then throws, as a Redis call does that
/// the server executed but whose answer came after the client's time-out.
/// </summary>
public sealed class TimingOutCounterStore : DelegatingCounterStore
{
    private int _applyCalls;

    public int ApplyCalls => Volatile.Read(ref _applyCalls);

    protected override void AfterApply()
    {
        if (Interlocked.Increment(ref _applyCalls) == 1) throw new TimeoutException("The store did not answer in time (it carried the call out).");
    }
}
