namespace PromptWatch.Sample.WebHost;

/// <summary>
/// The sample's logs: every request runs in a scope with its CorrelationId and TraceId (echoed in X-Correlation-ID).
/// Logging__Console__FormatterName=json writes one JSON object a line, scopes included (appsettings.json,
/// Logging:Console:FormatterOptions:IncludeScopes).
/// </summary>
internal static class SampleLogging
{
    /// <summary>
    /// Adds correlation ids first, then routing (which WebApplication would otherwise put before them), so the lines
    /// of routing and every later middleware carry them.
    /// </summary>
    public static void Use(WebApplication app)
    {
        app.UsePromptWatchCorrelation();
        app.UseRouting();
    }
}
