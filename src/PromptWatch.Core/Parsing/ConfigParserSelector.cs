namespace PromptWatch.Parsing;

/// <summary>
/// Chooses the <see cref="IConfigParser"/> for a file path: the first registration whose glob
/// matches wins; a path no glob matches uses the default parser.
/// </summary>
public sealed class ConfigParserSelector
{
    private readonly IReadOnlyList<ConfigParserRegistration> _registrations;
    private readonly IConfigParser _fallback;

    /// <summary>Creates a selector.</summary>
    /// <param name="registrations">Parsers by glob, in priority order.</param>
    /// <param name="fallback">The parser for paths no glob matches; the Helm values parser when <see langword="null"/>.</param>
    public ConfigParserSelector(IEnumerable<ConfigParserRegistration> registrations, IConfigParser? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _registrations = [.. registrations];
        _fallback = fallback ?? new HelmValuesParser();
    }

    /// <summary>A new selector that reads every file as Helm values (each selector has its own parser and cache).</summary>
    /// <returns>The selector.</returns>
    public static ConfigParserSelector CreateDefault() => new([]);

    /// <summary>The parser for <paramref name="path"/>.</summary>
    /// <param name="path">A repository-relative path with forward slashes.</param>
    /// <returns>The parser to use.</returns>
    public IConfigParser For(string path)
    {
        foreach (var registration in _registrations)
        {
            if (registration.Glob.IsMatch(path)) return registration.Parser;
        }

        return _fallback;
    }
}

/// <summary>A parser for the files a glob matches.</summary>
/// <param name="Glob">The files it reads.</param>
/// <param name="Parser">The parser.</param>
public sealed record ConfigParserRegistration(FileGlob Glob, IConfigParser Parser);
