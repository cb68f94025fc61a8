namespace PromptWatch.GitHub.Rescans;

/// <summary>
/// Runs an operation when asked: never two runs at once, and at most one more run after the current one however
/// many requests arrive meanwhile. A burst of N requests costs at most two runs, and every request is followed by
/// a run that started after it (so the push that asked for a rescan is in the rescan).
/// </summary>
internal sealed class CoalescingRunner(Func<CancellationToken, Task> run)
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int RunningAndAskedAgain = 2;
    private int _state;

    /// <summary>Whether a run is under way or asked for.</summary>
    public bool IsBusy => Volatile.Read(ref _state) != Idle;

    /// <summary>Asks for a run.</summary>
    /// <param name="cancellationToken">Stops the runs this request starts.</param>
    /// <returns><see langword="true"/> when this request started a run; <see langword="false"/> when it joined the next one.</returns>
    public bool Request(CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var next = state == Idle ? Running : RunningAndAskedAgain;
            if (Interlocked.CompareExchange(ref _state, next, state) != state) continue;
            if (state != Idle) return false;
            _ = RunAsync(cancellationToken);
            return true;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Off the caller's thread: the caller is the webhook queue, which must not wait for a fetch.
        await Task.Yield();
        try
        {
            do
            {
                await run(cancellationToken).ConfigureAwait(false);
            }
            while (RunAgain());
        }
        catch
        {
            // The operation reports its own failures; whatever escapes it must neither block nor lose later requests.
            if (RunAgain()) _ = RunAsync(cancellationToken);
            throw;
        }
    }

    private bool RunAgain()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var next = state == RunningAndAskedAgain ? Running : Idle;
            if (Interlocked.CompareExchange(ref _state, next, state) == state) return state == RunningAndAskedAgain;
        }
    }
}
