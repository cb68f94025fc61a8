using Microsoft.Extensions.Options;
using PromptWatch.GitHub;
using PromptWatch.Hosting;

namespace PromptWatch.Server;

/// <summary>
/// The GitHub integration as users of the replaced tool set it up: the webhook receiver at
/// <c>POST /api/monitor/webhook</c> with <c>GITHUB_WEBHOOK_SECRET</c>, and the <c>/api/monitor/*</c> data
/// endpoints behind <see cref="SampleAuthentication"/> (JWT bearer tokens signed HS256 with <c>JWT_SECRET_KEY</c>, or
/// a browser session when OpenID Connect is set). Without <c>GITHUB_WEBHOOK_SECRET</c> the receiver is not mapped (a
/// log line says how to turn it on); without authentication the data endpoints are anonymous (with a warning at start).
/// </summary>
internal static class GitHubActivity
{
    public const string Prefix = "/api/monitor";
    public const string WebhookPath = Prefix + "/webhook";

    /// <summary>The webhook secret: <c>PromptWatch:GitHub:Secret</c>, where <see cref="FlatSettings"/> puts <c>GITHUB_WEBHOOK_SECRET</c>.</summary>
    public static string? WebhookSecret(IConfiguration configuration) => NullIfEmpty(configuration["PromptWatch:GitHub:Secret"]);

    /// <summary>The Activity panel's data, relative to the dashboard at the root.</summary>
    public const string DashboardUrl = "api/monitor/dashboard";

    /// <summary>Whether the receiver is on (a secret is set, or unsigned deliveries are explicitly allowed), as the options say after binding.</summary>
    public static bool ReceiverEnabled(IServiceProvider services) => services.GetRequiredService<IOptions<GitHubWebhookOptions>>().Value.EnableReceiver;

    public static string? JwtKey(IConfiguration configuration) => NullIfEmpty(configuration["JWT_SECRET_KEY"]);

    public static void AddServices(WebApplicationBuilder builder, IPromptWatchBuilder promptWatch)
    {
        var secret = WebhookSecret(builder.Configuration);
        promptWatch.AddGitHubWebhooks(options =>
        {
            options.Secret = secret;
            if (secret is null && !options.AllowUnsigned) options.EnableReceiver = false;
        });
    }

    /// <summary>Maps the data endpoints (and the receiver when it is on); returns the data endpoints' group.</summary>
    public static RouteGroupBuilder MapEndpoints(WebApplication app)
    {
        var data = app.MapGitHubActivity(Prefix);
        if (SampleAuthentication.Enabled(app.Configuration))
        {
            data.RequireAuthorization(SampleAuthentication.Policy);
        }
        else if (ReceiverEnabled(app.Services))
        {
            // Without the receiver the activity endpoints only ever show zeros: nothing worth a warning.
            SampleLog.AnonymousActivity(app.Logger, Prefix);
        }

        if (ReceiverEnabled(app.Services))
        {
            app.MapGitHubWebhooks(WebhookPath);
        }
        else
        {
            SampleLog.WebhooksOff(app.Logger, WebhookPath);
        }

        return data;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
