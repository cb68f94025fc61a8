namespace PromptWatch.Server;

/// <summary>
/// The in-process metric snapshot at <c>/metrics/json</c> and <c>/metrics/registries</c>, and <c>POST /admin/reset-metrics</c>,
/// which clears the performance monitor's windows: behind the bearer tokens when <c>JWT_SECRET_KEY</c> (or OIDC) turns
/// authentication on, like <c>/health/detailed</c>.
/// </summary>
internal static class SampleMetrics
{
    /// <param name="app">The application.</param>
    /// <param name="admin">The protected admin group (<see cref="SampleHealth.MapEndpoints"/>).</param>
    public static void MapEndpoints(WebApplication app, IEndpointRouteBuilder admin)
    {
        app.MapPromptWatchMetrics("/metrics");
        admin.MapPromptWatchMetricsReset();
    }
}
