using PromptWatch.Hosting;

namespace PromptWatch.Server;

/// <summary>
/// The sample's health checks beyond the repositories and result stores (CPU, memory, disk, configuration and the
/// HTTP endpoints of <c>PromptWatch:Health:Endpoints</c>) and its status routes: <c>/health/checker/{name}</c>,
/// <c>/health/status</c>, <c>/info</c>, <c>/status</c> and <c>/admin/config</c>, which is behind <c>JWT_SECRET_KEY</c>'s
/// bearer tokens (or the OIDC session) whenever authentication is on.
/// </summary>
internal static class SampleHealth
{
    public static void AddServices(IPromptWatchBuilder promptWatch) =>
        promptWatch.AddSystemResourceHealthChecks().AddConfigurationHealthCheck().AddEndpointHealthChecks();

    /// <returns>The protected <c>/admin</c> group, where other admin routes go too.</returns>
    public static RouteGroupBuilder MapEndpoints(WebApplication app)
    {
        app.MapPromptWatchInfo();
        var admin = app.MapPromptWatchAdmin("/admin");
        if (SampleAuthentication.Enabled(app.Configuration)) admin.RequireAuthorization(SampleAuthentication.Policy);
        return admin;
    }
}
