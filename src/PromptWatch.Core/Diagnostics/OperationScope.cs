using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PromptWatch.Diagnostics;

/// <summary>
/// The log scope of one operation (a request, a refresh, a webhook delivery): its <c>CorrelationId</c> and the
/// <c>TraceId</c> of <see cref="Activity.Current"/>, so every line of the operation is found with one search.
/// The JSON console formatter writes both as scope properties.
/// </summary>
internal sealed class OperationScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The request and response header that carries a correlation id.</summary>
    public const string HeaderName = "X-Correlation-ID";

    private const int MaxLength = 64;
    private readonly KeyValuePair<string, object?>[] _values;

    private OperationScope(string correlationId, string? traceId)
    {
        CorrelationId = correlationId;
        _values = [new("CorrelationId", correlationId), new("TraceId", traceId)];
    }

    /// <summary>The operation's correlation id.</summary>
    public string CorrelationId { get; }

    /// <inheritdoc />
    public int Count => _values.Length;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>Begins a scope on <paramref name="logger"/> with <paramref name="correlationId"/>, or a new id when it is not valid.</summary>
    public static IDisposable? Begin(ILogger logger, string? correlationId = null) => logger.BeginScope(Create(correlationId));

    /// <summary>A scope with <paramref name="correlationId"/> when it is valid (see <see cref="IsValid"/>), else with a new id.</summary>
    public static OperationScope Create(string? correlationId) =>
        new(IsValid(correlationId) ? correlationId! : NewId(), Activity.Current?.TraceId.ToHexString());

    /// <summary>Whether <paramref name="correlationId"/> is 1 to 64 visible ASCII characters (0x21 to 0x7E).</summary>
    public static bool IsValid(string? correlationId) =>
        correlationId is { Length: > 0 and <= MaxLength } && correlationId.All(static c => c is >= '!' and <= '~');

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"CorrelationId:{CorrelationId} TraceId:{_values[1].Value}";
}
