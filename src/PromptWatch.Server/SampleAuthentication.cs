using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PromptWatch.Server;

/// <summary>
/// Who the sample lets in where it asks: scripts with HS256 bearer tokens signed with <c>JWT_SECRET_KEY</c>, browsers
/// with a cookie session that OpenID Connect opens (<see cref="OidcSettings"/>: authorization code with PKCE, at
/// <see cref="SampleSignIn.SignInPath"/>). One policy scheme picks per request: JWT bearer for a request with an
/// <c>Authorization: Bearer</c> header, the cookie otherwise. With neither setting there is no authentication.
/// </summary>
internal static class SampleAuthentication
{
    /// <summary>The authorization policy of everything the sample protects: a valid bearer token or a signed-in session.</summary>
    public const string Policy = "PromptWatchMonitor";

    /// <summary>The default scheme, which forwards to JWT bearer or to the cookie.</summary>
    public const string Scheme = "PromptWatch";

    /// <summary>How long a browser session lasts before the user signs in again.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>Whether anything is behind authentication: a JWT key or an OpenID Connect provider is set.</summary>
    public static bool Enabled(IConfiguration configuration) => GitHubActivity.JwtKey(configuration) is not null || OidcSettings.Read(configuration) is not null;

    /// <exception cref="InvalidOperationException">A setting is wrong or missing; the message names it.</exception>
    public static void AddServices(WebApplicationBuilder builder)
    {
        var jwtKey = GitHubActivity.JwtKey(builder.Configuration);
        var oidc = OidcSettings.Read(builder.Configuration);
        if (jwtKey is null && oidc is null) return;

        var authentication = builder.Services.AddAuthentication(Scheme);
        if (jwtKey is not null) AddJwtBearer(authentication, jwtKey);
        if (oidc is not null) AddOpenIdConnect(authentication, oidc, bearerToo: jwtKey is not null);
        authentication.AddPolicyScheme(Scheme, "Bearer token or sign-in session", options => options.ForwardDefaultSelector = context =>
            oidc is null || (jwtKey is not null && HasBearerToken(context.Request)) ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static void AddJwtBearer(Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication, string key)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (keyBytes.Length < 32) throw new InvalidOperationException("JWT_SECRET_KEY must be at least 32 bytes long (HS256 needs a 256-bit key).");
        authentication.AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = new SymmetricSecurityKey(keyBytes),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                // Tokens of the replaced tool carry no issuer or audience. Their subject names the user (the workspace
                // a token may open), their "role" claims the roles (promptwatch-admin opens every workspace).
                NameClaimType = "sub",
                RoleClaimType = "role",
                ValidateIssuer = false,
                ValidateAudience = false,
            };
        });
    }

    private static void AddOpenIdConnect(Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication, OidcSettings oidc, bool bearerToo)
    {
        authentication.AddCookie(options =>
        {
            options.Cookie.Name = "PromptWatch.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = false;
            options.LoginPath = SampleSignIn.SignInPath;
            options.ReturnUrlParameter = SampleSignIn.ReturnUrlParameter;
            // A page the browser navigates to goes to the sign-in; the dashboard's and scripts' calls get a 401 (the
            // dashboard then shows its "Sign in" link), with the bearer challenge where tokens are accepted.
            options.Events.OnRedirectToLogin = context =>
            {
                if (IsPageNavigation(context.Request))
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    if (bearerToo) context.Response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
                }

                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = static context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        authentication.AddOpenIdConnect(options =>
        {
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.Authority = oidc.Authority.ToString();
            options.RequireHttpsMetadata = oidc.Authority.Scheme == Uri.UriSchemeHttps;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.ResponseType = "code";
            // The code comes back in the query of a top-level GET, which a SameSite=Lax cookie accompanies.
            options.ResponseMode = "query";
            options.UsePkce = true;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.UseTokenLifetime = false;
            options.TokenValidationParameters.NameClaimType = oidc.UserClaim;
            options.TokenValidationParameters.RoleClaimType = "role";
            foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }

            options.Events.OnTokenValidated = context =>
            {
                if (context.Principal?.FindFirst(oidc.UserClaim) is not { Value.Length: > 0 })
                {
                    context.Fail($"The provider's ID token has no '{oidc.UserClaim}' claim, which names the user (OIDC_USER_CLAIM).");
                }

                return Task.CompletedTask;
            };
            options.Events.OnRemoteFailure = SampleSignIn.ShowFailureAsync;
        });
    }

    /// <summary>A browser's GET for a page (it accepts HTML), not a script's or the dashboard's JSON request.</summary>
    private static bool IsPageNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
