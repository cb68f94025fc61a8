using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace PromptWatch.AspNetCore.Dashboard;

/// <summary>The dashboard's files, embedded in this assembly, with their content types and ETags.</summary>
internal sealed class DashboardAssets
{
    /// <summary>No script or style but the dashboard's own files, no request to another origin, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "PromptWatch.Dashboard.";
    private readonly FrozenDictionary<string, DashboardAsset> _assets;

    /// <param name="pollInterval">How often the page reads the repositories' status.</param>
    /// <param name="activityUrl">The Activity panel's data, or none for no panel.</param>
    /// <param name="signInPath">The host's sign-in endpoint, or none.</param>
    /// <param name="alertsUrl">The Alerts panel's <c>api/alerts</c>, or none for no panel.</param>
    /// <param name="pipelinesUrl">The base of the pipeline monitor's routes, or none for no Pipelines panel.</param>
    /// <param name="performance">Whether the page has the host's <c>api/performance</c> (a workspace's page does not: the figures are the process's).</param>
    public DashboardAssets(TimeSpan pollInterval, string? activityUrl = null, string? signInPath = null, bool performance = false, string? alertsUrl = null, string? pipelinesUrl = null)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(static n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var name = resource[ResourcePrefix.Length..];
            var content = memory.ToArray();
            if (name == "index.html")
            {
                var ms = ((long)pollInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var activity = System.Net.WebUtility.HtmlEncode(activityUrl ?? string.Empty);
                var signIn = System.Net.WebUtility.HtmlEncode(signInPath ?? string.Empty);
                var alerts = System.Net.WebUtility.HtmlEncode(alertsUrl ?? string.Empty);
                // "none" when off, so that an empty string can mean the page's own base.
                var pipelines = System.Net.WebUtility.HtmlEncode(pipelinesUrl ?? "none");
                content = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content)
                    .Replace("{{POLL_INTERVAL_MS}}", ms, StringComparison.Ordinal)
                    .Replace("{{ACTIVITY_URL}}", activity, StringComparison.Ordinal)
                    .Replace("{{SIGN_IN_URL}}", signIn, StringComparison.Ordinal)
                    .Replace("{{ALERTS_URL}}", alerts, StringComparison.Ordinal)
                    .Replace("{{PIPELINES_URL}}", pipelines, StringComparison.Ordinal)
                    .Replace("{{PERFORMANCE}}", performance ? "true" : "false", StringComparison.Ordinal));
            }

            assets[name] = new DashboardAsset(content, ContentTypeOf(name), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public DashboardAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };
}

/// <summary>One dashboard file.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);
