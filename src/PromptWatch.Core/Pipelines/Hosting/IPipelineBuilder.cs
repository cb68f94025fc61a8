using Microsoft.Extensions.DependencyInjection;

namespace PromptWatch.Pipelines;

/// <summary>Returned by <c>AddPipelines()</c>: provider and store packages hang their <c>AddX()</c> methods on it.</summary>
public interface IPipelineBuilder
{
    /// <summary>The host's services.</summary>
    IServiceCollection Services { get; }
}

internal sealed class PipelineBuilder(IServiceCollection services) : IPipelineBuilder
{
    public IServiceCollection Services { get; } = services;
}
