using Microsoft.Extensions.DependencyInjection;

namespace PromptWatch.Alerting;

/// <summary>Returned by <c>AddAlerting()</c>: channel and store packages hang their <c>AddX()</c> methods on it.</summary>
public interface IAlertingBuilder
{
    /// <summary>The host's services.</summary>
    IServiceCollection Services { get; }
}

internal sealed class AlertingBuilder(IServiceCollection services) : IAlertingBuilder
{
    public IServiceCollection Services { get; } = services;
}
