using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using PromptWatch.Alerting;
using PromptWatch.Notifications;

namespace PromptWatch.Hosting;

/// <summary>Sends alert notifications to webhooks, Slack, Discord, email and Prometheus Alertmanager.</summary>
public static class AlertChannelPromptWatchBuilderExtensions
{
    /// <summary>
    /// Registers an <see cref="IAlertChannel"/> for each configured channel: <c>webhook</c> (Webhook:Url), <c>slack</c>
    /// (Slack:WebhookUrl), <c>discord</c> (Discord:WebhookUrl), <c>email</c> (Email:Host) and <c>alertmanager</c>
    /// (Alertmanager:Url). Options come from the <c>PromptWatch:Alerting</c> configuration section, then
    /// <paramref name="configure"/>; they are validated when the host starts. Which channels exist is decided here, from
    /// the configuration the host builder holds and from <paramref name="configure"/>. HTTP channels use named
    /// <see cref="HttpClient"/>s (<c>PromptWatch.Notifications.{channel}</c>, without the factory's request logging,
    /// which would log the secret URL) with a resilience handler; email uses a resilience pipeline of the same settings
    /// (<see cref="AlertChannelOptions.Delivery"/>).
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddAlertChannels(this IPromptWatchBuilder builder, Action<AlertChannelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AlertChannelOptions>, AlertChannelOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertChannelOptions>, AlertChannelOptionsValidator>());
        var options = services.AddOptions<AlertChannelOptions>().ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new NotificationMetrics(provider.GetService<IMeterFactory>()));

        var preview = AlertChannelRegistrations.Preview(services, configure);
        if (preview.Webhook.IsConfigured) AddHttpChannel<WebhookAlertChannel>(services, WebhookAlertChannel.ChannelName);
        if (preview.Slack.IsConfigured) AddHttpChannel<SlackAlertChannel>(services, SlackAlertChannel.ChannelName);
        if (preview.Discord.IsConfigured) AddHttpChannel<DiscordAlertChannel>(services, DiscordAlertChannel.ChannelName);
        if (preview.Alertmanager.IsConfigured) AddHttpChannel<AlertmanagerAlertChannel>(services, AlertmanagerAlertChannel.ChannelName);
        if (preview.Email.IsConfigured) AddEmailChannel(services);
        return builder;
    }

    private static void AddHttpChannel<TChannel>(IServiceCollection services, string channel)
        where TChannel : class, IAlertChannel
    {
        if (AlertChannelRegistrations.IsRegistered(services, channel)) return;
        services.AddSingleton(new RegisteredAlertChannel(channel));
        services.AddHttpClient(HttpAlertChannel.ClientName(channel), static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("delivery", static (pipeline, context) =>
                DeliveryPipelines.ConfigureHttp(pipeline, context.ServiceProvider.GetRequiredService<IOptions<AlertChannelOptions>>().Value.Delivery));
        services.AddSingleton<IAlertChannel>(static provider =>
            ActivatorUtilities.CreateInstance<TChannel>(provider, provider.GetRequiredService<IOptions<AlertChannelOptions>>().Value));
    }

    private static void AddEmailChannel(IServiceCollection services)
    {
        if (AlertChannelRegistrations.IsRegistered(services, EmailAlertChannel.ChannelName)) return;
        services.AddSingleton(new RegisteredAlertChannel(EmailAlertChannel.ChannelName));
        services.AddResiliencePipeline(EmailAlertChannel.PipelineName, static (pipeline, context) =>
            DeliveryPipelines.ConfigureSmtp(pipeline, context.ServiceProvider.GetRequiredService<IOptions<AlertChannelOptions>>().Value.Delivery));
        services.AddSingleton<IAlertChannel>(static provider => ActivatorUtilities.CreateInstance<EmailAlertChannel>(
            provider,
            provider.GetRequiredService<IOptions<AlertChannelOptions>>().Value,
            provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(EmailAlertChannel.PipelineName)));
    }
}
