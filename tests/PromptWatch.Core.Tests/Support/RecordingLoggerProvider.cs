using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PromptWatch.Tests.Support;

/// <summary>Keeps every log entry written through it, with the text of any exception logged with it.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Entries => [.. _entries];

    /// <summary>Every entry as one text.</summary>
    public string All => string.Join('\n', _entries.Select(static e => $"{e.Level} {e.EventId.Id} {e.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(_entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(LogLevel, EventId, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, eventId, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception)));
    }
}
