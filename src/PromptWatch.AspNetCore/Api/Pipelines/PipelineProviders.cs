using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>The registered providers; a repository is served by the first that lists it (case-insensitive).</summary>
internal sealed class PipelineProviders(IEnumerable<IPipelineProvider> providers)
{
    private readonly IPipelineProvider[] all = [.. providers];

    public IReadOnlyList<IPipelineProvider> All => all;

    public IPipelineProvider? For(string repository) =>
        Array.Find(all, p => p.Repositories.Any(r => string.Equals(r, repository, StringComparison.OrdinalIgnoreCase)));
}
