using PromptWatch.GitHub.Rescans;

namespace PromptWatch.GitHub.Tests.Rescans;

/// <summary>A burst of rescan requests costs at most two rescans, and none is lost.</summary>
public sealed class CoalescingRunnerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Requests_during_a_run_are_served_by_one_more_run_after_it()
    {
        var runs = 0;
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new CoalescingRunner(async _ =>
        {
            var run = Interlocked.Increment(ref runs);
            if (run == 1)
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }
            else if (run == 2)
            {
                secondDone.SetResult();
            }
        });

        Assert.True(runner.Request(CancellationToken.None));
        await firstStarted.Task.WaitAsync(Wait);
        var started = Enumerable.Range(0, 50).Select(_ => runner.Request(CancellationToken.None)).ToList();
        releaseFirst.SetResult();
        await secondDone.Task.WaitAsync(Wait);

        Assert.All(started, Assert.False);
        // Idle again: the next request starts a run of its own at once.
        await WaitUntilAsync(() => !runner.IsBusy);
        // Request marks the runner busy before it returns, and it is idle again only when no run is asked for any more.
        Assert.True(runner.Request(CancellationToken.None));
        await WaitUntilAsync(() => !runner.IsBusy);
        Assert.Equal(3, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task A_run_that_throws_does_not_stop_later_requests()
    {
        var runs = 0;
        var runner = new CoalescingRunner(_ =>
        {
            Interlocked.Increment(ref runs);
            throw new InvalidOperationException("the operation failed");
        });

        Assert.True(runner.Request(CancellationToken.None));
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 1);

        await WaitUntilAsync(() => !runner.IsBusy);
        Assert.True(runner.Request(CancellationToken.None));
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2);
    }

    [Fact]
    public async Task A_request_during_a_run_that_throws_is_still_served()
    {
        var runs = 0;
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new CoalescingRunner(async _ =>
        {
            if (Interlocked.Increment(ref runs) != 1) return;
            firstStarted.SetResult();
            await releaseFirst.Task;
            throw new InvalidOperationException("the operation failed");
        });

        Assert.True(runner.Request(CancellationToken.None));
        await firstStarted.Task.WaitAsync(Wait);
        Assert.False(runner.Request(CancellationToken.None));
        releaseFirst.SetResult();

        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2 && !runner.IsBusy);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}
