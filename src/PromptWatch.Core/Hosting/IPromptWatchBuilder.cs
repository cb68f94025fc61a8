using Microsoft.Extensions.DependencyInjection;

namespace PromptWatch.Hosting;

/// <summary>
/// Returned by <c>AddPromptWatch()</c>: integrations (result stores, counter stores, webhooks) hang their
/// <c>AddX()</c> extension methods on it.
/// </summary>
public interface IPromptWatchBuilder
{
    /// <summary>The host's services.</summary>
    IServiceCollection Services { get; }
}
