using Microsoft.Extensions.Logging;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// A logger that holds up, once, the thread that logs the event <paramref name="eventId"/>: what a busy machine does
/// to a thread at any point, made to happen at one known point.
/// </summary>
public sealed class StallingLoggerProvider(int eventId, TimeSpan stall) : ILoggerProvider
{
    private readonly int _eventId = eventId;
    private readonly TimeSpan _stall = stall;
    private int _stalled;

    /// <summary>Whether the stall has happened.</summary>
    public bool Stalled => Volatile.Read(ref _stalled) == 1;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(StallingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == owner._eventId && Interlocked.Exchange(ref owner._stalled, 1) == 0) Thread.Sleep(owner._stall);
        }
    }
}
