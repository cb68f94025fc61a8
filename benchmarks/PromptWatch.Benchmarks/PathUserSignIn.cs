using System.Security.Claims;
using Microsoft.AspNetCore.Builder;

namespace PromptWatch.Benchmarks;

/// <summary>
/// Signs every request in as the user its path names (<c>/{user}/{cluster}/…</c>), as a sign-in in front of a
/// workspace host would: workspaces refuse anonymous callers, and the benchmarks measure the path a signed-in user takes.
/// </summary>
internal static class PathUserSignIn
{
    public static void UsePathUserSignIn(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments is { Length: > 0 }) context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, segments[0])], "benchmark"));
            return next(context);
        });
}
