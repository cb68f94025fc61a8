using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace PromptWatch.Server;

/// <summary>
/// The browser's way in when an OpenID Connect provider is set: <c>GET /signin?returnUrl=...</c> sends the browser to
/// the provider and, once it comes back to <c>/signin-oidc</c> with a code, to <c>returnUrl</c> (a URL of this site
/// only); <c>/signout</c> ends the session. A sign-in the provider refuses (the user declined, an error) gets a page
/// that says so, with a link to try again.
/// </summary>
internal static class SampleSignIn
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string ReturnUrlParameter = "returnUrl";

    public static void MapEndpoints(WebApplication app)
    {
        if (OidcSettings.Read(app.Configuration) is null) return;
        app.MapGet(SignInPath, static (HttpContext context, string? returnUrl) =>
            TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .ExcludeFromDescription();
        app.MapMethods(SignOutPath, [HttpMethods.Get, HttpMethods.Post], SignOutAsync).ExcludeFromDescription();
    }

    /// <summary><paramref name="url"/> when it is a path of this site (not <c>//host</c>, not <c>/\host</c>, no scheme), else <c>/</c>.</summary>
    public static string LocalOrRoot(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return "/";
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\')) return "/";
        return url.Any(char.IsControl) ? "/" : url;
    }

    private static async Task SignOutAsync(HttpContext context, string? returnUrl, IOptionsMonitor<OpenIdConnectOptions> oidcOptions)
    {
        var properties = new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) };
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        // The provider's session ends too where it has an end-session endpoint; without one, only this site's ends.
        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = options.ConfigurationManager is null ? null : await options.ConfigurationManager.GetConfigurationAsync(context.RequestAborted).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(configuration?.EndSessionEndpoint))
        {
            await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, properties).ConfigureAwait(false);
        }
        else
        {
            context.Response.Redirect(properties.RedirectUri);
        }
    }

    /// <summary>A page instead of the exception a failed or refused sign-in would be (a 500).</summary>
    public static async Task ShowFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var request = context.Request;
        var error = request.Query["error"].ToString();
        var description = request.Query["error_description"].ToString();
        var declined = error == "access_denied";
        var reason = declined
            ? "The sign-in was declined at the identity provider."
            : error.Length > 0
                ? $"The identity provider answered '{error}'{(description.Length > 0 ? $": {description}" : string.Empty)}."
                : $"The sign-in could not be completed: {context.Failure?.Message ?? "unknown error"}";
        var returnUrl = LocalOrRoot(context.Properties?.RedirectUri);
        SampleLog.SignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SampleSignIn)), error.Length > 0 ? error : context.Failure?.GetType().Name ?? "unknown");
        var retry = $"{SignInPath}?{ReturnUrlParameter}={Uri.EscapeDataString(returnUrl)}";
        var response = context.Response;
        response.StatusCode = declined ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        response.Headers.CacheControl = "no-store";
        var page = $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not signed in - PromptWatch</title></head>
            <body>
            <main>
            <h1>Not signed in</h1>
            <p data-testid="sign-in-failure">{{WebUtility.HtmlEncode(reason)}}</p>
            <p><a href="{{WebUtility.HtmlEncode(retry)}}" data-testid="sign-in-retry">Try signing in again</a> or <a href="{{WebUtility.HtmlEncode(returnUrl)}}">go back without signing in</a>.</p>
            </main>
            </body>
            </html>
            """;
        await response.WriteAsync(page, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
