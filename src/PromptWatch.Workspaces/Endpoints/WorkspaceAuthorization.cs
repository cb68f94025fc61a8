using System.Security.Claims;

namespace PromptWatch.Workspaces;

/// <summary>Who may open a workspace: anyone when the request is not authenticated (the host decides that), else its own user or an admin.</summary>
internal static class WorkspaceAuthorization
{
    public static bool MayOpen(ClaimsPrincipal? principal, WorkspaceKey key, WorkspaceOptions options)
    {
        if (principal?.Identity is not { IsAuthenticated: true } identity) return true;
        if (principal.IsInRole(options.AdminRole)) return true;
        var name = options.UserClaimType is { Length: > 0 } claimType ? principal.FindFirst(claimType)?.Value : identity.Name;
        return string.Equals(name, key.User, StringComparison.Ordinal);
    }
}
