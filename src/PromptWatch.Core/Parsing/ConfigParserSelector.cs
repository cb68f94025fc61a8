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
            if (registration.Matcher.IsMatch(path)) return registration.Parser;
        }

        return _fallback;
    }
}

/// <summary>A parser for the files a glob matches.</summary>
public sealed class ConfigParserRegistration
{
    /// <summary>Registers <paramref name="parser"/> for the files <paramref name="glob"/> matches.</summary>
    /// <param name="glob">
    /// The files it reads, as a repository-relative path pattern: <c>*</c> matches within one folder name, <c>**</c>
    /// across folders, <c>?</c> one character (for example <c>**/*.json</c> or <c>chart/values-*.yaml</c>); case-sensitive.
    /// </param>
    /// <param name="parser">The parser.</param>
    /// <exception cref="ArgumentException">The glob is empty.</exception>
    public ConfigParserRegistration(string glob, IConfigParser parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        Matcher = new FileGlob(glob);
        Parser = parser;
    }

    /// <summary>The glob, as given.</summary>
    public string Glob => Matcher.Pattern;

    /// <summary>The parser.</summary>
    public IConfigParser Parser { get; }

    /// <summary>The glob, compiled.</summary>
    internal FileGlob Matcher { get; }

    /// <summary>Shows the glob and the parser's type.</summary>
    /// <returns>A text for diagnostics.</returns>
    public override string ToString() => $"{Glob}: {Parser.GetType().Name}";
}
