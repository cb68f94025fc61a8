using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace PromptWatch.Workspaces;

/// <summary>
/// Who may open a workspace: a signed-in user their own (the user claim equals the route's user exactly) and an admin
/// every one; a request without a signed-in user only when <see cref="WorkspaceOptions.AllowAnonymous"/> says so.
/// </summary>
internal static class WorkspaceAuthorization
{
    public static bool IsAnonymous(ClaimsPrincipal? principal) => principal?.Identity is not { IsAuthenticated: true };

    public static bool MayOpen(ClaimsPrincipal? principal, WorkspaceKey key, WorkspaceOptions options)
    {
        if (principal?.Identity is not { IsAuthenticated: true } identity) return options.AllowAnonymous;
        if (principal.IsInRole(options.AdminRole)) return true;
        var name = options.UserClaimType is { Length: > 0 } claimType ? principal.FindFirst(claimType)?.Value : identity.Name;
        return string.Equals(name, key.User, StringComparison.Ordinal);
    }

    /// <summary>
    /// Answers a request without a signed-in user: the challenge of the host's default authentication scheme (its
    /// <c>WWW-Authenticate</c> header) and a 401 problem details body; <c>WWW-Authenticate: Bearer</c> when the host has no
    /// scheme. A scheme whose challenge is not a 401 (a redirect to a sign-in page) has answered by itself.
    /// </summary>
    public static async Task<IResult> RefuseAnonymousAsync(HttpContext context)
    {
        var schemes = context.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemes is not null && await schemes.GetDefaultChallengeSchemeAsync().ConfigureAwait(false) is not null)
        {
            await context.ChallengeAsync().ConfigureAwait(false);
            if (context.Response.HasStarted || context.Response.StatusCode != StatusCodes.Status401Unauthorized) return TypedResults.Empty;
        }
        else
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        }

        return RefusalPage.Problem(context, StatusCodes.Status401Unauthorized, "Sign in to open a workspace", "Workspaces are open only to signed-in users.");
    }
}
