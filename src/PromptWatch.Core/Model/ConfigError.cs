namespace PromptWatch.Model;

/// <summary>Why a file version could not be turned into use-case states.</summary>
/// <param name="Message">A sentence for people: what is wrong.</param>
/// <param name="Line">1-based line of the problem, when known.</param>
/// <param name="Column">1-based column of the problem, when known.</param>
public sealed record ConfigError(string Message, int? Line = null, int? Column = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line is { } line ? $"{Message} (line {line}, column {Column ?? 1})" : Message;
}
