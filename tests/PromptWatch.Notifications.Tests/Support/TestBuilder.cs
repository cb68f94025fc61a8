using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;

namespace PromptWatch.Notifications.Tests.Support;

/// <summary>The builder <c>AddPromptWatch()</c> returns, without the rest of PromptWatch: the channels need only services.</summary>
internal sealed class TestBuilder(IServiceCollection services) : IPromptWatchBuilder
{
    public IServiceCollection Services { get; } = services;
}
