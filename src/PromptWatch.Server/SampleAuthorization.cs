using PromptWatch.Workspaces;

namespace PromptWatch.Server;

/// <summary>
/// What the sample puts behind its authentication (<see cref="SampleAuthentication"/>: <c>JWT_SECRET_KEY</c>'s bearer
/// tokens, an OpenID Connect session) besides the activity endpoints: the workspaces (each token may open only the
/// workspace of its <c>sub</c>, each session that of its user claim, unless it has the admin role)
/// and <c>/health/detailed</c>, which names workspace users, repository addresses and errors. <c>/health</c>,
/// <c>/health/live</c> and <c>/health/ready</c> stay open for probes. Without either there is no authentication:
/// workspaces then answer 401 unless <c>PromptWatch:Workspaces:AllowAnonymous</c> opts in.
/// </summary>
internal static class SampleAuthorization
{
    public static void ProtectHealthDetails(WebApplication app, RouteGroupBuilder health)
    {
        if (!SampleAuthentication.Enabled(app.Configuration)) return;
        ((IEndpointConventionBuilder)health).Add(static endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.TrimEnd('/').EndsWith("/detailed", StringComparison.Ordinal) == true)
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(SampleAuthentication.Policy));
            }
        });
    }

    public static void ProtectWorkspaces(WebApplication app, RouteGroupBuilder workspaces)
    {
        if (SampleAuthentication.Enabled(app.Configuration))
        {
            workspaces.RequireAuthorization(SampleAuthentication.Policy);
        }
        else if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkspaceOptions>>().Value.AllowAnonymous)
        {
            SampleLog.AnonymousWorkspaces(app.Logger);
        }
    }
}
