using Microsoft.Extensions.Options;

namespace PromptWatch.GitHub.Alerts;

/// <summary>A built-in sink whose address comes from options: left out of dispatching while that address is not set.</summary>
internal interface IOptionalAlertSink
{
    bool IsConfigured { get; }
}

/// <summary>The JSON webhook sink when <see cref="GitHubAlertOptions.WebhookUrl"/> is set.</summary>
internal sealed class JsonWebhookAlertSinkRegistration(IHttpClientFactory clients, IOptions<GitHubWebhookOptions> options) : IGitHubAlertSink, IOptionalAlertSink
{
    private readonly JsonWebhookAlertSink? _sink = options.Value.Alerts.WebhookUrl is { Length: > 0 } url ? new JsonWebhookAlertSink(clients, new Uri(url)) : null;

    public string Name => "webhook";

    public bool IsConfigured => _sink is not null;

    public Task SendAsync(GitHubAlert alert, CancellationToken cancellationToken) => _sink?.SendAsync(alert, cancellationToken) ?? Task.CompletedTask;
}

/// <summary>The Slack sink when <see cref="GitHubAlertOptions.SlackWebhookUrl"/> is set.</summary>
internal sealed class SlackAlertSinkRegistration(IHttpClientFactory clients, IOptions<GitHubWebhookOptions> options) : IGitHubAlertSink, IOptionalAlertSink
{
    private readonly SlackAlertSink? _sink = options.Value.Alerts.SlackWebhookUrl is { Length: > 0 } url ? new SlackAlertSink(clients, new Uri(url)) : null;

    public string Name => "slack";

    public bool IsConfigured => _sink is not null;

    public Task SendAsync(GitHubAlert alert, CancellationToken cancellationToken) => _sink?.SendAsync(alert, cancellationToken) ?? Task.CompletedTask;
}
