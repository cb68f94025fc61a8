using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Parsing;

/// <summary>What a <see cref="IConfigParser"/> found in one file version.</summary>
public sealed record ParsedConfig
{
    private ParsedConfig(ImmutableArray<KeyValuePair<string, UseCaseState>> useCases, ConfigError? error)
    {
        UseCases = useCases;
        Error = error;
    }

    /// <summary>The use cases by name, in file order. Empty when <see cref="Error"/> is set.</summary>
    public ImmutableArray<KeyValuePair<string, UseCaseState>> UseCases { get; }

    /// <summary>Why the file could not be read; <see langword="null"/> on success.</summary>
    public ConfigError? Error { get; }

    /// <summary>A successfully read file version.</summary>
    /// <param name="useCases">The use cases, in file order, with unique names.</param>
    /// <returns>The result.</returns>
    public static ParsedConfig Success(IEnumerable<KeyValuePair<string, UseCaseState>> useCases) => new([.. useCases], null);

    /// <summary>A file version that could not be read.</summary>
    /// <param name="error">Why.</param>
    /// <returns>The result.</returns>
    public static ParsedConfig Failure(ConfigError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new([], error);
    }
}
