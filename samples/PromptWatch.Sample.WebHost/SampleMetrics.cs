namespace PromptWatch.Sample.WebHost;

/// <summary>
/// The in-process metric snapshot at <c>/metrics/json</c> and <c>/metrics/registries</c>, and <c>POST /admin/reset-metrics</c>,
/// which clears the performance monitor's windows: behind the bearer tokens when <c>JWT_SECRET_KEY</c> (or OIDC) turns
/// authentication on, like <c>/health/detailed</c>.
/// </summary>
internal static class SampleMetrics
{
    public static void MapEndpoints(WebApplication app)
    {
        app.MapPromptWatchMetrics("/metrics");
        var admin = app.MapGroup("/admin");
        var reset = admin.MapPromptWatchMetricsReset();
        if (SampleAuthentication.Enabled(app.Configuration)) reset.RequireAuthorization(SampleAuthentication.Policy);
    }
}
