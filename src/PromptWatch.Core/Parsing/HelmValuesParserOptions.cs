namespace PromptWatch.Parsing;

/// <summary>Limits of the <see cref="HelmValuesParser"/>, which reads untrusted text.</summary>
public sealed class HelmValuesParserOptions
{
    /// <summary>Deepest nesting of mappings and sequences accepted. Default 64.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>Most nodes a document may have once its aliases are expanded (refuses alias bombs). Default 1,000,000.</summary>
    public long MaxExpandedNodes { get; set; } = 1_000_000;

    /// <summary>
    /// How many parsed top-level blocks the parser remembers, so that a new version of a file parses
    /// only the blocks that changed. Default 4,096; 0 turns the cache off.
    /// </summary>
    public int MaxCachedSegments { get; set; } = 4096;
}
