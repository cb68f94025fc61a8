namespace PromptWatch.Parsing;

/// <summary>Turns the bytes of one configuration file version into use-case states.</summary>
/// <remarks>
/// Implementations must be thread-safe and must not throw for bad content: they return
/// <see cref="ParsedConfig.Failure(PromptWatch.Model.ConfigError)"/> with a clear message instead.
/// </remarks>
public interface IConfigParser
{
    /// <summary>Parses one file version.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The use cases found, in file order, or why none could be read.</returns>
    ParsedConfig Parse(ReadOnlySpan<byte> content);
}
