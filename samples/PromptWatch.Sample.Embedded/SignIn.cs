using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace PromptWatch.Sample.Embedded;

/// <summary>
/// The service's sign-in for browsers: a page at <c>/login</c> that takes the service's API key and keeps the browser
/// signed in with a cookie, so a person reaches <c>/promptwatch/</c> without setting a header. Scripts keep sending
/// <c>X-Api-Key</c>; a request with that header is judged by the key alone, never by a cookie.
/// </summary>
internal static class SignIn
{
    public const string Scheme = "ApiKeyOrCookie";
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string DefaultReturnUrl = "/promptwatch/";

    public static void AddServices(IServiceCollection services)
    {
        services.AddAntiforgery();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                // Browsers are sent to the sign-in page, API clients get 401 with WWW-Authenticate (ApiKeyAuthenticationHandler).
                options.DefaultChallengeScheme = ApiKeyAuthenticationHandler.SchemeName;
                options.DefaultForbidScheme = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddPolicyScheme(Scheme, "API key or sign-in cookie", static options => options.ForwardDefaultSelector = static context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null)
            .AddCookie(static options =>
            {
                options.LoginPath = LoginPath;
                options.Cookie.Name = "orders.signin";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
    }

    public static void MapEndpoints(WebApplication app)
    {
        app.MapGet(LoginPath, static (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Page(context, antiforgery, SafeReturnUrl(returnUrl), error: null, StatusCodes.Status200OK)).AllowAnonymous();

        app.MapPost(LoginPath, static async (HttpContext context, IAntiforgery antiforgery, ApiKey apiKey) =>
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return HttpResults.BadRequest();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            if (!apiKey.Matches(form["apiKey"].Count == 1 ? form["apiKey"][0] : null))
            {
                return Page(context, antiforgery, returnUrl, "The API key is not valid.", StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "browser-user")], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return HttpResults.LocalRedirect(returnUrl);
        }).AllowAnonymous();

        app.MapPost(LogoutPath, static async (HttpContext context, IAntiforgery antiforgery) =>
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return HttpResults.BadRequest();
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return HttpResults.LocalRedirect("/");
        }).AllowAnonymous();
    }

    /// <summary>Whether the request is a browser opening a page (not a script): a GET or HEAD that accepts HTML and sends no API key.</summary>
    public static bool IsBrowserNavigation(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
        && request.Headers.Accept.Any(static accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The sign-in page's address that comes back to <paramref name="request"/>'s page.</summary>
    public static string LoginUrl(HttpRequest request) =>
        $"{request.PathBase}{LoginPath}?returnUrl={Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString)}";

    // Only a path on this service: never another site (//host, /\host) after signing in.
    private static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : DefaultReturnUrl;

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";
        context.Response.Headers.CacheControl = "no-store";
        var message = error is null ? string.Empty : $"""<p role="alert">{html.Encode(error)}</p>""";
        return HttpResults.Content($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in: Orders service</title></head>
            <body>
            <h1>Sign in</h1>
            {message}
            <form method="post" action="{html.Encode(context.Request.PathBase + LoginPath)}">
            <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? string.Empty)}">
            <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}">
            <label>API key <input type="password" name="apiKey" autocomplete="current-password" required autofocus></label>
            <button type="submit">Sign in</button>
            </form>
            </body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
