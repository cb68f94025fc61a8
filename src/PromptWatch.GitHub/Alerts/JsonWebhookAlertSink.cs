using System.Net.Http.Json;
using System.Text.Json;

namespace PromptWatch.GitHub.Alerts;

/// <summary>POSTs each alert as a JSON object (<c>kind, severity, repository, message, at, delivery</c>) to a URL.</summary>
internal sealed class JsonWebhookAlertSink(IHttpClientFactory clients, Uri url) : IGitHubAlertSink
{
    public const string ClientName = "PromptWatch.GitHub.AlertWebhook";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Name => "webhook";

    public async Task SendAsync(GitHubAlert alert, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(url, alert, Json, cancellationToken).ConfigureAwait(false);
        AlertHttp.EnsureSuccess(response);
    }
}
