using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Server;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// The sample's browser sign-in (OIDC_AUTHORITY, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET) beside the scripts' bearer tokens
/// (JWT_SECRET_KEY), against a real OpenID Connect provider; the whole browser flow is in Browser/SignInBrowserTests.
/// </summary>
public sealed class SampleSignInTests : IDisposable
{
    private const string JwtKey = "sample-jwt-key-of-at-least-32-bytes!!";
    private readonly WatchedRepository _repository = new();

    internal static Dictionary<string, string> Settings(OidcProvider provider, bool withJwtKey = true)
    {
        var settings = new Dictionary<string, string>
        {
            ["GITHUB_WEBHOOK_SECRET"] = "sign-in-test-webhook-secret",
            ["OIDC_AUTHORITY"] = provider.Authority.ToString(),
            ["OIDC_CLIENT_ID"] = OidcProvider.ClientId,
            ["OIDC_CLIENT_SECRET"] = OidcProvider.ClientSecret,
        };
        if (withJwtKey) settings["JWT_SECRET_KEY"] = JwtKey;
        return settings;
    }

    private static string Token(string subject) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", subject)]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtKey)), SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task Sign_in_sends_the_browser_to_the_provider_for_a_code_with_pkce_while_scripts_keep_their_bearer_tokens()
    {
        await using var provider = await OidcProvider.StartAsync(new Dictionary<string, string>());
        await using var host = new PromptWatchHost(_repository.Path, settings: Settings(provider));
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using (var signIn = await client.GetAsync(new Uri("/signin?returnUrl=%2F%3Fenv%3Dprod", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var location = signIn.Headers.Location!;
            Assert.StartsWith(provider.Authority + "connect/authorize?", location.ToString(), StringComparison.Ordinal);
            var query = QueryHelpers.ParseQuery(location.Query);
            Assert.Equal("code", query["response_type"].ToString());
            Assert.Equal(OidcProvider.ClientId, query["client_id"].ToString());
            Assert.Equal("S256", query["code_challenge_method"].ToString());
            Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
            Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"].ToString());
            Assert.Contains("openid", query["scope"].ToString().Split(' '));
            // The secret stays on the back channel.
            Assert.DoesNotContain(OidcProvider.ClientSecret, location.ToString(), StringComparison.Ordinal);
        }

        // A script's bearer token still opens the protected endpoints; without one (and without a session) they are 401
        // with the bearer challenge, and a browser navigating to a protected page is sent to sign in.
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/monitor/dashboard", UriKind.Relative)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("user1"));
            using var withToken = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        }

        using (var anonymous = await client.GetAsync(new Uri("api/monitor/dashboard", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("health/detailed", UriKind.Relative)))
        {
            request.Headers.Accept.ParseAdd("text/html");
            using var page = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/signin?returnUrl=%2Fhealth%2Fdetailed", page.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Without_a_jwt_key_the_session_alone_protects_the_activity_endpoints()
    {
        await using var provider = await OidcProvider.StartAsync(new Dictionary<string, string>());
        await using var host = new PromptWatchHost(_repository.Path, settings: Settings(provider, withJwtKey: false));
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var anonymous = await client.GetAsync(new Uri("api/monitor/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("OIDC_AUTHORITY", "OIDC_CLIENT_ID")]
    [InlineData("OIDC_CLIENT_ID", "OIDC_AUTHORITY")]
    public async Task A_provider_setting_without_its_companions_stops_the_start_with_one_message_naming_the_missing_one(string set, string missing)
    {
        var settings = new Dictionary<string, string> { [set] = set == "OIDC_AUTHORITY" ? "https://login.example.test/" : "client" };
        await using var host = new PromptWatchHost(_repository.Path, settings: settings);
        var error = Assert.Throws<InvalidOperationException>(() => host.CreateClient());
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_secret_is_not_part_of_the_settings_text_and_the_user_claim_defaults_to_preferred_username()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OIDC_AUTHORITY"] = "https://login.example.test/realms/team",
            ["OIDC_CLIENT_ID"] = "promptwatch",
            ["OIDC_CLIENT_SECRET"] = "very-secret-value",
        }).Build();
        var translated = new ConfigurationBuilder().AddInMemoryCollection(FlatSettings.Translate(configuration)).Build();
        var oidc = OidcSettings.Read(translated)!;
        Assert.Equal("preferred_username", oidc.UserClaim);
        Assert.Equal("very-secret-value", oidc.ClientSecret);
        Assert.DoesNotContain("very-secret-value", oidc.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?env=prod#card", "/?env=prod#card")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void Only_local_return_urls_are_followed(string? returnUrl, string expected) => Assert.Equal(expected, SampleSignIn.LocalOrRoot(returnUrl));

    public void Dispose() => _repository.Dispose();
}
