using System.Net.Http.Json;

namespace PromptWatch.GitHub.Alerts;

/// <summary>Posts each alert to a Slack incoming webhook as <c>{"text": ...}</c>.</summary>
internal sealed class SlackAlertSink(IHttpClientFactory clients, Uri url) : IGitHubAlertSink
{
    public const string ClientName = "PromptWatch.GitHub.Slack";

    public string Name => "slack";

    public async Task SendAsync(GitHubAlert alert, CancellationToken cancellationToken)
    {
        var icon = alert.Severity switch { "critical" => ":rotating_light:", "high" => ":warning:", _ => ":information_source:" };
        var text = $"{icon} *{Escape(alert.Kind)}* ({Escape(alert.Severity)}) in {Escape(alert.Repository)}: {Escape(alert.Message)}";
        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(url, new SlackMessage(text), cancellationToken).ConfigureAwait(false);
        AlertHttp.EnsureSuccess(response);
    }

    // Slack's markup: &, < and > must be escaped.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private sealed record SlackMessage(string Text);
}
