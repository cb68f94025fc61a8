namespace PromptWatch.Pipelines.Timeline;

/// <summary>
/// Which deployment environments stand for a PromptWatch environment (a values file's): the one
/// <see cref="PipelineOptions.Environments"/> names for it; without one, the same name (case-insensitive), then
/// <c>production</c> for <c>prod</c>, <c>prod</c> for <c>production</c>, <c>testing</c> and then <c>staging</c> for <c>test</c>.
/// </summary>
internal sealed class PipelineEnvironments(IDictionary<string, string> configured)
{
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["prod"] = ["production"],
        ["production"] = ["prod"],
        ["test"] = ["testing", "staging"],
    };

    private readonly Dictionary<string, string> configured = new(configured, StringComparer.OrdinalIgnoreCase);

    /// <summary>The deployment environments for <paramref name="environment"/>, the first preferred.</summary>
    public IReadOnlyList<string> For(string environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (configured.TryGetValue(environment, out var name)) return [name];
        return Aliases.TryGetValue(environment, out var aliases) ? [environment, .. aliases] : [environment];
    }
}
