using PromptWatch.Pipelines;

namespace PromptWatch.Tests.Pipelines;

/// <summary>The store contract against <see cref="InMemoryPipelineStore"/>, the reference.</summary>
public sealed class InMemoryPipelineStoreContractTests : PipelineStoreContract
{
    protected override Task<IPipelineStore> CreateStoreAsync(PipelineOptions options, TimeProvider time) => Task.FromResult<IPipelineStore>(new InMemoryPipelineStore(options, time));
}
