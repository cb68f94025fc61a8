using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>
/// A real OpenID Connect provider for sign-in tests: an OpenIddict server on Kestrel loopback with discovery, the
/// authorization code flow with PKCE required, a token endpoint and a login page with a user name, a password and a
/// "Decline" button. One confidential client, whose redirect URI is set once the application under test has an address.
/// Degraded mode (no database): the client is checked by the handlers below.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "promptwatch-dashboard";
    public const string ClientSecret = "provider-test-client-secret";
    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, string> _users;

    private OidcProvider(WebApplication app, IReadOnlyDictionary<string, string> users)
    {
        _app = app;
        _users = users;
    }

    /// <summary>The issuer (and discovery) URL, ending in '/'.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>The one redirect URI the client may use (the application's <c>/signin-oidc</c>).</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>How many token requests were answered with tokens (each was checked: client secret, code, PKCE verifier).</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    private int _tokensIssued;

    /// <summary>Starts a provider that knows <paramref name="users"/> (user name to password).</summary>
    public static async Task<OidcProvider> StartAsync(IReadOnlyDictionary<string, string> users)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        OidcProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (provider!.RedirectUri is null || context.RedirectUri != provider.RedirectUri.ToString()) context.Reject(Errors.InvalidRequest, $"Unexpected redirect_uri '{context.RedirectUri}'.");
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret) context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                return default;
            }));
        });

        var app = builder.Build();
        provider = new OidcProvider(app, users);
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)provider.AuthorizeAsync);
        app.MapPost("connect/token", (Func<HttpContext, Task<IResult>>)provider.TokenAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Authority = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (HttpMethods.IsGet(context.Request.Method)) return LoginPage(context.Request.Query, null);

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["action"] == "decline")
        {
            var refused = new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user declined to sign in.",
            });
            return TypedResults.Forbid(refused, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var user = form["username"].ToString();
        if (!_users.TryGetValue(user, out var password) || password != form["password"].ToString())
        {
            return LoginPage(form.Where(static p => p.Key is not ("username" or "password" or "action")), "Wrong user name or password.");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, "id-" + user).SetClaim(Claims.PreferredUsername, user).SetClaim(Claims.Name, user);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        // The code, its redirect URI and the PKCE verifier were checked by OpenIddict before this runs.
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal) return TypedResults.Forbid(null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        Interlocked.Increment(ref _tokensIssued);
        return TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The login form: the authorization request's parameters as hidden fields, posted back to the endpoint.</summary>
    private static IResult LoginPage(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters, string? error)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test provider sign-in</title></head><body><h1>Test provider</h1>");
        if (error is not null) html.Append("<p role=\"alert\">").Append(WebUtility.HtmlEncode(error)).Append("</p>");
        html.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, values) in parameters)
        {
            foreach (var value in values) html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name)).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\">");
        }

        html.Append("<label>User name <input name=\"username\" autocomplete=\"username\"></label>");
        html.Append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>");
        html.Append("<button type=\"submit\" name=\"action\" value=\"signin\">Sign in</button>");
        html.Append("<button type=\"submit\" name=\"action\" value=\"decline\">Decline</button>");
        html.Append("</form></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
