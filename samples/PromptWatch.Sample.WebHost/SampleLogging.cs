namespace PromptWatch.Sample.WebHost;

/// <summary>
/// The sample's logs: every request runs in a scope with its CorrelationId and TraceId (echoed in X-Correlation-ID).
/// Logging__Console__FormatterName=json writes one JSON object a line, scopes included (appsettings.json,
/// Logging:Console:FormatterOptions:IncludeScopes).
/// </summary>
internal static class SampleLogging
{
    /// <summary>
    /// Adds correlation ids before the sample's middleware, so their lines and the endpoints' carry them (the routing
    /// and authentication WebApplication adds itself run before it).
    /// </summary>
    public static void Use(WebApplication app) => app.UsePromptWatchCorrelation();
}
