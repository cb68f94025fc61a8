using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Engine;
using PromptWatch.Alerting.Evaluation;
using PromptWatch.Alerting.Hosting;
using PromptWatch.Alerting.Notifications;

namespace PromptWatch.Hosting;

/// <summary>Adds the alerting engine to PromptWatch.</summary>
public static class AlertingPromptWatchBuilderExtensions
{
    /// <summary>
    /// Adds the alerting engine: options bound from <c>PromptWatch:Alerting</c> and then <paramref name="configure"/>,
    /// validated on start; <see cref="IAlertManager"/> and <see cref="IAlertEventPublisher"/> (one engine, a hosted
    /// service evaluating metric rules every interval); the <c>log</c> channel; an in-memory <see cref="IAlertStore"/>
    /// unless another is registered; <see cref="IAlertNotificationFeed"/> (every notification sent); and a health-check
    /// publisher feeding the health rules.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>A builder for channels and stores.</returns>
    public static IAlertingBuilder AddAlerting(this IPromptWatchBuilder builder, Action<AlertingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var again = services.Any(static d => d.ServiceType == typeof(AlertEngine));
        var options = services.AddOptions<AlertingOptions>();
        // Bound once: binding again would add the configured rules a second time (AddGitHubWebhooks() adds the engine too).
        if (!again) options.Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(AlertingOptions.SectionName).Bind(options)).ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        if (again) return new AlertingBuilder(services);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertingOptions>, AlertingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAlertStore>(static provider => new InMemoryAlertStore(provider.GetService<TimeProvider>()));
        services.AddSingleton<IAlertChannel>(static provider => new LogAlertChannel(provider.GetRequiredService<ILoggerFactory>().CreateLogger<LogAlertChannel>()));
        services.TryAddSingleton(static provider => new AlertingMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton(static provider => new AlertMetricSource(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton(static provider => new AlertNotificationHub(provider.GetService<ILoggerFactory>()?.CreateLogger<AlertNotificationHub>()));
        services.TryAddSingleton<IAlertNotificationFeed>(static provider => provider.GetRequiredService<AlertNotificationHub>());
        services.AddSingleton(static provider => new AlertEngine(
            provider.GetRequiredService<IOptions<AlertingOptions>>(),
            provider.GetRequiredService<IAlertStore>(),
            provider.GetServices<IAlertChannel>(),
            provider.GetRequiredService<AlertMetricSource>(),
            provider.GetRequiredService<AlertingMetrics>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetRequiredService<AlertNotificationHub>()));
        services.AddSingleton<IAlertManager>(static provider => provider.GetRequiredService<AlertEngine>());
        services.AddSingleton<IAlertEventPublisher>(static provider => provider.GetRequiredService<AlertEngine>());
        services.AddSingleton<IHostedService>(static provider => provider.GetRequiredService<AlertEngine>());
        services.AddSingleton<IHealthCheckPublisher>(static provider => new AlertHealthCheckPublisher(provider.GetRequiredService<IAlertEventPublisher>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return new AlertingBuilder(services);
    }

    /// <summary>Registers a channel type as an <see cref="IAlertChannel"/> singleton.</summary>
    /// <typeparam name="T">The channel.</typeparam>
    /// <param name="builder">The builder from <c>AddAlerting()</c>.</param>
    /// <returns>The builder.</returns>
    public static IAlertingBuilder AddChannel<T>(this IAlertingBuilder builder)
        where T : class, IAlertChannel
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IAlertChannel, T>();
        return builder;
    }
}
