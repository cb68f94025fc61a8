using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>
/// Every log line of a host at every level, written by the host's own JSON console formatter (with its options from
/// the host's configuration): the message, the state properties, the scopes and any exception, one JSON object a line.
/// </summary>
public sealed class JsonLogCapture
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The lines so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Replaces the host's logger providers with one that writes here.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddFilter<Provider>(null, LogLevel.Trace);
        });
        services.AddSingleton<ILoggerProvider>(provider => new Provider(this, provider.GetServices<ConsoleFormatter>().Single(static f => f.Name == ConsoleFormatterNames.Json)));
    }

    [ProviderAlias("JsonLogCapture")]
    private sealed class Provider(JsonLogCapture capture, ConsoleFormatter formatter) : ILoggerProvider, ISupportExternalScope
    {
        private readonly JsonLogCapture _capture = capture;
        private readonly ConsoleFormatter _formatter = formatter;
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(Provider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var writer = new StringWriter();
                owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, writer);
                owner._capture._lines.Enqueue(writer.ToString().TrimEnd());
            }
        }
    }
}
