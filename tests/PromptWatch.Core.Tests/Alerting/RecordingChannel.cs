using System.Collections.Concurrent;
using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

/// <summary>A channel that keeps what it is sent.</summary>
internal sealed class RecordingChannel(string name) : IAlertChannel
{
    public string Name { get; } = name;

    public ConcurrentQueue<AlertNotification> Sent { get; } = new();

    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Sent.Enqueue(notification);
        return Task.CompletedTask;
    }
}

/// <summary>A recording channel that asks for firing alerts again every <paramref name="interval"/>, as Alertmanager's does.</summary>
internal sealed class RepeatingChannel(string name, TimeSpan interval) : IRepeatingAlertChannel
{
    public string Name { get; } = name;

    public TimeSpan RepeatInterval { get; } = interval;

    public ConcurrentQueue<AlertNotification> Sent { get; } = new();

    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Sent.Enqueue(notification);
        return Task.CompletedTask;
    }

    public int Repeats => Sent.Count(static n => n.Kind == AlertNotificationKind.Repeat);
}

/// <summary>A channel whose every send fails the way an HTTP channel's does.</summary>
internal sealed class ThrowingChannel(string name) : IAlertChannel
{
    public string Name { get; } = name;

    public int Attempts;

    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        throw new HttpRequestException("POST https://hooks.example.test/secret-token failed", null, System.Net.HttpStatusCode.InternalServerError);
    }
}

/// <summary>A channel whose sends never complete until the engine stops.</summary>
internal sealed class HangingChannel(string name) : IAlertChannel
{
    public string Name { get; } = name;

    public int Started;

    public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Started);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
