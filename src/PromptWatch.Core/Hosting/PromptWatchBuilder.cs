using Microsoft.Extensions.DependencyInjection;

namespace PromptWatch.Hosting;

internal sealed class PromptWatchBuilder(IServiceCollection services) : IPromptWatchBuilder
{
    public IServiceCollection Services { get; } = services;
}
